/* The hub sends content rows with the kiosk's columns (src/core/sync.c applies a page by
 * column name, and ignores columns it does not know), so the content tables of the kiosk's
 * schema (db/migrations) and of the hub's (db/hub) must stay the same: a column added on
 * the hub only would be dropped silently by every kiosk, a NOT NULL column added on the
 * kiosk only would make every page fail. This test builds both schemas with the real code
 * (yk_db_open, yk_hub_store_open) and compares each content table column by column
 * (name, declared type, NOT NULL, default, primary key) and its foreign keys. */
#include "db_test_util.h"

#include "hub/hub_store.h"

/* The tables a changes page may carry (src/core/sync.c content_tables, plus media). */
static const char *const tables[] = {
    "stations",     "blocks",     "service_lines", "services",    "sites", "events",
    "walkin_kinds", "volunteers", "kiosk_keys",    "revocations", "media",
};

static int differences;

static void report(const char *table, const char *what, const char *a, const char *b)
{
    fprintf(stderr, "%s: %s: kiosk has %s, hub has %s\n", table, what, a, b);
    differences++;
}

/* Rows of a pragma table-valued function, for schema 'main' (the kiosk) or 'hub', joined
 * on one row per line so that the two sides can be compared as text. */
static char *rows(struct yk_db *db, const char *sql, const char *table, const char *schema)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    CHECK(st);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, schema, -1, SQLITE_STATIC);
    size_t cap = 4096, n = 0;
    char *out = calloc(1, cap);
    CHECK(out);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        size_t len = strlen(line ? line : "");
        if (n + len + 2 > cap) {
            cap = (n + len + 2) * 2;
            out = realloc(out, cap);
            CHECK(out);
        }
        memcpy(out + n, line ? line : "", len);
        n += len;
        out[n++] = '\n';
        out[n] = '\0';
    }
    sqlite3_finalize(st);
    return out;
}

static void compare(struct yk_db *db, const char *table)
{
    static const char cols[] =
        "SELECT name || ' ' || type || (CASE WHEN \"notnull\" THEN ' NOT NULL' ELSE '' END)"
        " || ' default=' || coalesce(dflt_value, '-') || ' pk=' || pk"
        " FROM pragma_table_info(?1, ?2) ORDER BY name";
    static const char fks[] =
        "SELECT \"from\" || ' -> ' || \"table\" || '(' || coalesce(\"to\", '?') || ')'"
        " || ' on delete ' || on_delete FROM pragma_foreign_key_list(?1, ?2) ORDER BY \"from\"";
    char *k = rows(db, cols, table, "main"), *h = rows(db, cols, table, "hub");
    CHECK(k[0] != '\0'); /* the table exists on the kiosk */
    if (h[0] == '\0')
        report(table, "table", "it", "no such table");
    else if (strcmp(k, h) != 0)
        report(table, "columns", k, h);
    free(k);
    free(h);
    k = rows(db, fks, table, "main");
    h = rows(db, fks, table, "hub");
    if (strcmp(k, h) != 0)
        report(table, "foreign keys", k, h);
    free(k);
    free(h);
}

int main(void)
{
    char dir[512], path[600];
    yk_scratch_dir(dir, sizeof dir, "db-test");

    snprintf(path, sizeof path, "%s/hub.db", dir);
    struct yk_hub_store *hub = yk_hub_store_open(path);
    CHECK(hub);
    yk_hub_store_close(hub);

    struct yk_db db;
    CHECK(open_db(&db, dir, "kiosk.db", false, T_2026_12_01_MS));
    sqlite3_stmt *st = yk_db_prepare(&db, "ATTACH ?1 AS hub");
    CHECK(st);
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);

    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        compare(&db, tables[i]);

    /* The comparison itself must be able to fail: a column the hub has and the kiosk
     * lacks is found. */
    CHECK(q_exec(&db, "CREATE TABLE hub.probe (id TEXT PRIMARY KEY, extra INTEGER)") ==
          SQLITE_DONE);
    CHECK(q_exec(&db, "CREATE TABLE main.probe (id TEXT PRIMARY KEY)") == SQLITE_DONE);
    int before = differences;
    fprintf(stderr, "(the next line is expected: the probe table differs on purpose)\n");
    compare(&db, "probe");
    CHECK(differences == before + 1);
    differences = before;

    yk_db_close(&db);
    yk_scratch_remove(dir);
    if (differences) {
        fprintf(stderr,
                "%d content table(s) differ between db/migrations and db/hub: change "
                "both together\n",
                differences);
        return 1;
    }
    printf("content tables of the kiosk and the hub agree (%zu tables)\n",
           sizeof tables / sizeof tables[0]);
    return yk_test_done();
}
