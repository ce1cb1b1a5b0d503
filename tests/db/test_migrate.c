/* src/core/migrate.c: the migration runner the kiosk uses (and the hub can): finding the
 * numbered files, applying them in order, rolling a failed one back, the foreign-key check
 * and the seed in the last transaction. On an in-memory database and a made-up table. */
#include "check.h"
#include "core/migrate.h"

#include <sqlite3.h>

#define E(name, sql)                                                                               \
    {                                                                                              \
        name, (const unsigned char *)(sql), sizeof(sql) - 1                                        \
    }

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static int count(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static void test_find(void)
{
    static const struct yk_embedded ok[] = {E("m/0002_b.sql", "CREATE TABLE b (x);"),
                                            E("other/0001_x.sql", "junk"),
                                            E("m/0001_a.sql", "CREATE TABLE a (x);"),
                                            {NULL, NULL, 0}};
    struct yk_migration m[4];
    CHECK_EQ_INT(yk_migrations_find(ok, "m/", m, 4, "test"), 2);
    CHECK_EQ_INT(m[0].version, 1);
    CHECK_EQ_STR(m[1].name, "m/0002_b.sql");
    CHECK_EQ_INT(yk_migrations_find(ok, "m/", m, 1, "test"), -1); /* more than max */
    static const struct yk_embedded gap[] = {
        E("m/0001_a.sql", ""), E("m/0003_c.sql", ""), {NULL, NULL, 0}};
    CHECK_EQ_INT(yk_migrations_find(gap, "m/", m, 4, "test"), -1);
    static const struct yk_embedded bad[] = {E("m/1_a.sql", ""), {NULL, NULL, 0}};
    CHECK_EQ_INT(yk_migrations_find(bad, "m/", m, 4, "test"), -1);
    static const struct yk_embedded none[] = {{NULL, NULL, 0}};
    CHECK_EQ_INT(yk_migrations_find(none, "m/", m, 4, "test"), 0);
}

static void test_apply(void)
{
    static const struct yk_embedded t[] = {
        E("m/0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);"),
        E("m/0002_b.sql", "CREATE TABLE b (a_id INTEGER REFERENCES a (id));"),
        E("m/0003_bad.sql", "INSERT INTO b VALUES (1); CREATE TABLE c (x); SELECT nope;"),
        {NULL, NULL, 0}};
    struct yk_migration m[4];
    int n = yk_migrations_find(t, "m/", m, 4, "test");
    CHECK_EQ_INT(n, 3);
    sqlite3 *db;
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    char err[200];
    struct yk_migrate_params p = {.db = db,
                                  .m = m,
                                  .n = 2,
                                  .from = 0,
                                  .rebuild_safe = true,
                                  .seed_name = "seed",
                                  .seed_sql = "INSERT INTO a VALUES (7);",
                                  .tag = "test",
                                  .error = err,
                                  .error_n = sizeof err};
    CHECK(yk_migrate(&p));
    CHECK_EQ_INT(user_version(db), 2);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM a"), 1); /* seeded with the last one */
    /* The third fails half-way: nothing of it stays, the version does not move. */
    p = (struct yk_migrate_params){
        .db = db, .m = m, .n = 3, .from = 2, .tag = "test", .error = err, .error_n = sizeof err};
    CHECK(!yk_migrate(&p));
    CHECK(strstr(err, "m/0003_bad.sql") != NULL);
    CHECK_EQ_INT(user_version(db), 2);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM b"), 0);
    CHECK_EQ_INT(count(db, "SELECT count(*) FROM c"), -1);
    CHECK(sqlite3_get_autocommit(db));
    sqlite3_close(db);
}

/* With rebuild_safe, a migration that leaves a dangling reference is refused. */
static void test_foreign_keys(void)
{
    static const struct yk_embedded t[] = {E("m/0001_a.sql",
                                             "CREATE TABLE a (id INTEGER PRIMARY KEY);"
                                             "CREATE TABLE b (a_id INTEGER REFERENCES a (id));"),
                                           E("m/0002_dangling.sql", "INSERT INTO b VALUES (42);"),
                                           {NULL, NULL, 0}};
    struct yk_migration m[4];
    int n = yk_migrations_find(t, "m/", m, 4, "test");
    sqlite3 *db;
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    char err[200];
    struct yk_migrate_params p = {.db = db,
                                  .m = m,
                                  .n = n,
                                  .rebuild_safe = true,
                                  .tag = "test",
                                  .error = err,
                                  .error_n = sizeof err};
    CHECK(!yk_migrate(&p));
    CHECK_EQ_STR(err, "1 rows point at rows that do not exist");
    CHECK_EQ_INT(user_version(db), 1);
    CHECK_EQ_INT(yk_foreign_key_violations(db, "test"), 0);
    sqlite3_close(db);
}

int main(void)
{
    test_find();
    test_apply();
    test_foreign_keys();
    return yk_test_done();
}
