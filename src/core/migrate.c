#include "core/migrate.h"

#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_migration(const void *a, const void *b)
{
    const struct yk_migration *x = a, *y = b;
    return (x->version > y->version) - (x->version < y->version);
}

int yk_migrations_find(const struct yk_embedded *table, const char *dir, struct yk_migration *out,
                       int max, const char *tag)
{
    int n = 0;
    size_t dirlen = strlen(dir);
    for (const struct yk_embedded *e = table; e->name; e++) {
        if (strncmp(e->name, dir, dirlen) != 0)
            continue;
        const char *base = e->name + dirlen;
        char *end = NULL;
        long v = strtol(base, &end, 10);
        if (end != base + 4 || *end != '_' || v < 1 || !strstr(end, ".sql")) {
            yk_error(tag, "migration %s: name must be %sNNNN_name.sql", e->name, dir);
            return -1;
        }
        if (n == max) {
            yk_error(tag, "more than %d migrations", max);
            return -1;
        }
        out[n++] = (struct yk_migration){(int)v, e->name, (const char *)e->data};
    }
    qsort(out, (size_t)n, sizeof *out, cmp_migration);
    /* user_version is the number of the last migration applied: numbers must be 1..n. */
    for (int i = 0; i < n; i++) {
        if (out[i].version != i + 1) {
            yk_error(tag, "migration %s: expected number %04d", out[i].name, i + 1);
            return -1;
        }
    }
    return n;
}

int yk_foreign_key_violations(sqlite3 *db, const char *tag)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
        yk_error(tag, "cannot check foreign keys: %s", sqlite3_errmsg(db));
        return -1;
    }
    int rc, bad = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (bad++ < 10)
            yk_error(tag, "foreign key violation: %s rowid %lld -> %s",
                     (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
                     (const char *)sqlite3_column_text(st, 2));
    }
    if (rc != SQLITE_DONE)
        yk_error(tag, "cannot check foreign keys: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? bad : -1;
}

/* Runs a script (several statements); on failure says which, with SQLite's reason. */
static bool run(const struct yk_migrate_params *p, const char *name, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(p->db, sql, NULL, NULL, &err) == SQLITE_OK)
        return true;
    const char *why = err ? err : sqlite3_errmsg(p->db);
    snprintf(p->error, p->error_n, "Cannot apply %s (%s)", name, why);
    yk_error(p->tag, "%s: %s", name, why);
    sqlite3_free(err);
    return false;
}

static bool fk_ok(const struct yk_migrate_params *p)
{
    int bad = yk_foreign_key_violations(p->db, p->tag);
    if (bad < 0)
        snprintf(p->error, p->error_n, "Cannot check foreign keys (%s)", sqlite3_errmsg(p->db));
    else if (bad)
        snprintf(p->error, p->error_n, "%d rows point at rows that do not exist", bad);
    return bad == 0;
}

bool yk_migrate(const struct yk_migrate_params *p)
{
    if (p->error_n)
        p->error[0] = '\0';
    if (p->rebuild_safe && !run(p, "PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = OFF"))
        return false;
    for (int i = p->from; i < p->n; i++) {
        const struct yk_migration *m = &p->m[i];
        char set_version[64];
        snprintf(set_version, sizeof set_version, "PRAGMA user_version = %d", m->version);
        bool seeding = p->seed_sql && i == p->n - 1;
        if (!run(p, "BEGIN IMMEDIATE", "BEGIN IMMEDIATE"))
            return false;
        if (!run(p, m->name, m->sql) ||
            (seeding && !run(p, p->seed_name ? p->seed_name : "the seed", p->seed_sql)) ||
            (p->rebuild_safe && !fk_ok(p)) || !run(p, set_version, set_version) ||
            !run(p, "COMMIT", "COMMIT")) {
            if (!sqlite3_get_autocommit(p->db))
                sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
            return false;
        }
        if (seeding)
            yk_info(p->tag, "applied %s and loaded %s", m->name,
                    p->seed_name ? p->seed_name : "the seed");
        else
            yk_info(p->tag, "applied %s", m->name);
    }
    return true;
}
