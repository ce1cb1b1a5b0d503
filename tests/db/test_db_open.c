/* Opening, creating, migrating and checking the database (src/core/db.c). */
#include "db_test_util.h"

#include "core/db.h"
#include "core/ids.h"

#include <sodium.h>
#include <sys/stat.h>

static char dir[512];

static void test_fresh_open(void)
{
    struct yk_db db;
    CHECK(open_db(&db, dir, "kiosk.db", true, T_2026_12_01_MS));
    CHECK(db.handle);
    CHECK(db.created);
    CHECK(db.error[0] == '\0');
    CHECK(yk_db_latest_version() >= 1);
    CHECK(db.schema_version == yk_db_latest_version());
    CHECK(q_int(&db, "PRAGMA user_version") == yk_db_latest_version());

    /* WAL, foreign keys, synchronous=NORMAL (1). */
    sqlite3_stmt *st = yk_db_prepare(&db, "PRAGMA journal_mode");
    CHECK(st && sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    CHECK(q_int(&db, "PRAGMA foreign_keys") == 1);
    CHECK(q_int(&db, "PRAGMA synchronous") == 1);

    /* Kiosk id: a well-formed id made at the clock we gave. */
    const char *kid = yk_db_kiosk_id(&db);
    CHECK(yk_id_valid(kid));
    CHECK(yk_id_time_ms(kid) == T_2026_12_01_MS);
    char buf[64];
    CHECK(yk_db_meta_get(&db, "kiosk_id", buf, sizeof buf));
    CHECK_STR(buf, kid);
    CHECK(yk_db_meta_get(&db, "created_utc", buf, sizeof buf));
    CHECK(atoll(buf) == T_2026_12_01_MS / 1000);
    CHECK(yk_db_meta_get(&db, "sample_content", buf, sizeof buf));
    CHECK(!yk_db_meta_get(&db, "no such key", buf, sizeof buf) && buf[0] == '\0');

    /* Sample content counts (CONTENT.md). */
    CHECK(q_int(&db, "SELECT count(*) FROM blocks") == 3);
    CHECK(q_int(&db, "SELECT count(*) FROM service_lines") == 5);
    CHECK(q_int(&db, "SELECT count(*) FROM sites") == 6);
    CHECK(q_int(&db, "SELECT count(*) FROM stations") == 2);
    CHECK(q_int(&db, "SELECT count(*) FROM walkin_kinds") == 4);
    CHECK(q_int(&db, "SELECT count(*) FROM volunteers") == 1);
    CHECK(q_int(&db, "SELECT count(*) FROM services WHERE series = 'he'") == 8);
    CHECK(q_int(&db, "SELECT count(*) FROM services WHERE series = 'mei'") == 5);
    /* 13 monthly days (Dec 2026..Dec 2027), one ceremony, one call for issues per block. */
    CHECK(q_int(&db, "SELECT count(*) FROM events WHERE id LIKE 'srd-%'") == 13);
    CHECK(q_int(&db, "SELECT count(*) FROM events WHERE kind = 'ceremony'") == 1);
    CHECK(q_int(&db, "SELECT count(*) FROM events WHERE kind = 'issues'") == 3);
    CHECK(q_int(&db, "SELECT count(DISTINCT kind) FROM events WHERE id LIKE 'srd-%'") == 4);
    CHECK(q_int(&db, "SELECT count(*) FROM events WHERE host_zh IS NOT NULL "
                     "AND id LIKE 'srd-%'") == 0);
    /* 2026-12-12 09:30 Shanghai = 01:30 UTC. */
    CHECK(q_int(&db, "SELECT starts_utc FROM events WHERE id = 'srd-2026-12'") == 1797039000);
    CHECK(q_int(&db, "SELECT count(*) FROM events WHERE capacity IS NOT NULL "
                     "AND (seats_held <> capacity OR max_party <> 4)") == 0);
    /* Unknown facts stay NULL: no photos or links; only Lupu Bridge (the upstream end) has a
     * position; 点赞广场 has its name only; the stations' address, hours and phone are not
     * public. */
    CHECK(q_int(&db, "SELECT count(*) FROM sites WHERE photo_hash IS NOT NULL "
                     "OR link_url IS NOT NULL") == 0);
    CHECK(q_int(&db, "SELECT count(*) FROM sites WHERE river_pos_m IS NOT NULL") == 1);
    CHECK(q_int(&db, "SELECT river_pos_m FROM sites WHERE id = 'lupu-bridge'") == 0);
    CHECK(q_int(&db, "SELECT count(*) FROM sites WHERE id = 'dianzan-square' AND intro_zh IS "
                     "NULL AND hours_zh IS NULL AND location_zh IS NULL AND booking_zh IS "
                     "NULL") == 1);
    CHECK(q_int(&db, "SELECT count(*) FROM stations WHERE address_zh IS NOT NULL OR hours_zh "
                     "IS NOT NULL OR phone IS NOT NULL") == 0);
    CHECK(q_int(&db, "SELECT count(*) FROM stations WHERE river_pos_m IS NOT NULL") == 0);
    /* Every required text has an English version in the sample. */
    CHECK(q_int(&db, "SELECT count(*) FROM blocks WHERE name_en IS NULL") == 0);
    CHECK(q_int(&db, "SELECT count(*) FROM events WHERE title_en IS NULL") == 0);
    CHECK(q_int(&db, "SELECT count(*) FROM services WHERE title_en IS NULL") == 0);

    /* The demo volunteer's PIN is 2468. */
    st = yk_db_prepare(&db, "SELECT pin_hash FROM volunteers WHERE id = 'demo'");
    CHECK(st && sqlite3_step(st) == SQLITE_ROW);
    const char *hash = (const char *)sqlite3_column_text(st, 0);
    CHECK(sodium_init() >= 0);
    CHECK(crypto_pwhash_str_verify(hash, "2468", 4) == 0);
    CHECK(crypto_pwhash_str_verify(hash, "2469", 4) != 0);
    sqlite3_finalize(st);

    CHECK(yk_db_integrity_check(&db, false));
    CHECK(yk_db_integrity_check(&db, true));

    yk_db_close(&db);
    CHECK(db.handle == NULL);
    yk_db_close(&db); /* idempotent */
    yk_db_close(NULL);
}

static void test_reopen_is_noop(void)
{
    struct yk_db db;
    CHECK(open_db(&db, dir, "kiosk.db", true, T_2026_12_01_MS));
    char first_id[YK_ID_LEN + 1];
    memcpy(first_id, yk_db_kiosk_id(&db), sizeof first_id);
    CHECK(q_exec(&db, "DELETE FROM walkin_kinds WHERE id = 'visit'") == SQLITE_DONE);
    yk_db_close(&db);

    /* A later start: same kiosk id, no migration, no reseeding (the deleted row stays gone). */
    struct capture cap;
    capture_begin(&cap);
    CHECK(open_db(&db, dir, "kiosk.db", true, T_2026_12_01_MS + 86400000));
    char *log = capture_end(&cap);
    CHECK(!strstr(log, "applied"));
    CHECK(!strstr(log, "sample"));
    free(log);
    CHECK(!db.created);
    CHECK_STR(yk_db_kiosk_id(&db), first_id);
    CHECK(db.schema_version == yk_db_latest_version());
    CHECK(q_int(&db, "SELECT count(*) FROM walkin_kinds") == 3);
    CHECK(q_int(&db, "SELECT count(*) FROM blocks") == 3);
    CHECK(q_int(&db, "SELECT count(*) FROM meta WHERE key = 'kiosk_id'") == 1);
    yk_db_close(&db);

    /* Without seed_sample a new database is empty but has a kiosk id of its own. */
    CHECK(open_db(&db, dir, "empty.db", false, T_2026_12_01_MS));
    CHECK(db.created);
    CHECK(q_int(&db, "SELECT count(*) FROM blocks") == 0);
    CHECK(q_int(&db, "SELECT count(*) FROM events") == 0);
    CHECK(yk_id_valid(yk_db_kiosk_id(&db)));
    CHECK(strcmp(yk_db_kiosk_id(&db), first_id) != 0);
    yk_db_close(&db);

    /* Read-only: reads work, writes do not, the kiosk id is known. */
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    struct yk_db_params p = {.path = path, .read_only = true, .now_ms = T_2026_12_01_MS};
    CHECK(yk_db_open(&db, &p));
    CHECK(db.read_only);
    CHECK_STR(yk_db_kiosk_id(&db), first_id);
    CHECK(q_int(&db, "SELECT count(*) FROM sites") == 6);
    capture_begin(&cap);
    int rc = q_exec(&db, "DELETE FROM sites");
    free(capture_end(&cap));
    CHECK(rc == SQLITE_READONLY);
    yk_db_close(&db);
}

static void test_foreign_keys(void)
{
    struct yk_db db;
    CHECK(open_db(&db, dir, "kiosk.db", true, T_2026_12_01_MS));
    /* Kiosk records: checked at once. */
    sqlite3_stmt *st = yk_db_prepare(
        &db, "INSERT INTO signups (id, event_id, party_size, status, created_utc, updated_utc,"
             " kiosk_id) VALUES ('01KB0000000000000000000000', ?1, 1, 'confirmed', 0, 0, 'k')");
    CHECK(st);
    sqlite3_bind_text(st, 1, "no-such-event", -1, SQLITE_STATIC);
    CHECK(sqlite3_step(st) == SQLITE_CONSTRAINT_FOREIGNKEY);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, "srd-2026-12", -1, SQLITE_STATIC);
    CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    CHECK(q_int(&db, "SELECT count(*) FROM signups") == 1);
    /* The event a sign-up points at cannot vanish (the hub tombstones instead). */
    CHECK(q_exec(&db, "DELETE FROM events WHERE id = 'srd-2026-12'") == SQLITE_CONSTRAINT);

    /* Content: checked at commit, so a sync page may arrive in any order... */
    CHECK(yk_db_begin(&db));
    CHECK(q_exec(&db, "INSERT INTO services (id, title_zh, block_id) VALUES ('s1', '服务', "
                      "'later')") == SQLITE_DONE);
    CHECK(q_exec(&db, "INSERT INTO blocks (id, name_zh) VALUES ('later', '街区')") == SQLITE_DONE);
    CHECK(yk_db_commit(&db));
    CHECK(q_int(&db, "SELECT count(*) FROM services WHERE id = 's1'") == 1);
    /* ...but a dangling reference fails the commit, which rolls back. */
    CHECK(yk_db_begin(&db));
    CHECK(q_exec(&db, "INSERT INTO services (id, title_zh, block_id) VALUES ('s2', '服务', "
                      "'never')") == SQLITE_DONE);
    struct capture cap;
    capture_begin(&cap);
    bool committed = yk_db_commit(&db);
    char *log = capture_end(&cap);
    CHECK(!committed);
    CHECK(strstr(log, "FOREIGN KEY"));
    free(log);
    CHECK(sqlite3_get_autocommit(db.handle));
    CHECK(q_int(&db, "SELECT count(*) FROM services WHERE id = 's2'") == 0);

    /* Rollback undoes; CHECK constraints hold. */
    CHECK(yk_db_begin(&db));
    CHECK(yk_db_meta_set(&db, "x", "1"));
    yk_db_rollback(&db);
    yk_db_rollback(&db); /* no transaction: harmless */
    char buf[8];
    CHECK(!yk_db_meta_get(&db, "x", buf, sizeof buf));
    CHECK(q_exec(&db, "UPDATE events SET kind = 'party' WHERE id = 'srd-2027-01'") ==
          SQLITE_CONSTRAINT);
    CHECK(q_exec(&db, "UPDATE sites SET name_en = NULL, hours_en = 'x' WHERE id = "
                      "'lupu-bridge'") == SQLITE_CONSTRAINT); /* English without Chinese */
    yk_db_close(&db);
}

static void test_append_only(void)
{
    struct yk_db db;
    CHECK(open_db(&db, dir, "kiosk.db", true, T_2026_12_01_MS));
    CHECK(q_exec(&db, "INSERT INTO checkins (id, ticket_code, event_id, count, created_utc, "
                      "kiosk_id) VALUES ('01KB0000000000000000000001', 'T1', 'srd-2026-12', 2, "
                      "0, 'k')") == SQLITE_DONE);
    CHECK(q_exec(&db, "UPDATE checkins SET count = 3") == SQLITE_CONSTRAINT);
    CHECK(q_exec(&db, "DELETE FROM checkins") == SQLITE_CONSTRAINT); /* not synced yet */
    CHECK(q_exec(&db, "UPDATE checkins SET sync_state = 'synced'") == SQLITE_DONE);
    CHECK(q_exec(&db, "DELETE FROM checkins") == SQLITE_DONE);
    CHECK(q_exec(&db, "INSERT INTO checkins (id, event_id, count, created_utc, kiosk_id) "
                      "VALUES ('01KB0000000000000000000002', 'srd-2026-12', 1, 0, 'k')") ==
          SQLITE_CONSTRAINT); /* neither sign-up nor ticket */
    CHECK(q_exec(&db, "INSERT INTO walkins (id, kind_id, delta, created_utc, kiosk_id) VALUES "
                      "('01KB0000000000000000000003', 'consult', 1, 0, 'k')") == SQLITE_DONE);
    CHECK(q_exec(&db, "UPDATE walkins SET delta = -1") == SQLITE_CONSTRAINT);
    CHECK(q_exec(&db, "INSERT INTO walkins (id, kind_id, delta, created_utc, kiosk_id) VALUES "
                      "('01KB0000000000000000000004', 'consult', 2, 0, 'k')") == SQLITE_CONSTRAINT);
    CHECK(q_exec(&db, "INSERT INTO audit_log (id, what, created_utc, kiosk_id) VALUES "
                      "('01KB0000000000000000000005', 'test', 0, 'k')") == SQLITE_DONE);
    CHECK(q_exec(&db, "UPDATE audit_log SET what = 'x'") == SQLITE_CONSTRAINT);
    yk_db_close(&db);
}

static void test_synchronous_full(void)
{
    struct yk_db db;
    CHECK(open_db(&db, dir, "kiosk.db", true, T_2026_12_01_MS));
    CHECK(yk_db_set_synchronous_full(&db, true));
    CHECK(q_int(&db, "PRAGMA synchronous") == 2);
    CHECK(yk_db_set_synchronous_full(&db, false));
    CHECK(q_int(&db, "PRAGMA synchronous") == 1);
    yk_db_close(&db);
}

static void test_bad_paths(void)
{
    struct yk_db db;
    struct capture cap;
    char path[600];

    /* A directory that does not exist (the caller makes it; we do not). */
    snprintf(path, sizeof path, "%s/missing/dir/kiosk.db", dir);
    struct yk_db_params p = {.path = path, .seed_sample = true, .now_ms = T_2026_12_01_MS};
    capture_begin(&cap);
    bool ok = yk_db_open(&db, &p);
    char *log = capture_end(&cap);
    CHECK(!ok);
    CHECK(db.handle == NULL);
    CHECK(strstr(db.error, "unable to open database file"));
    CHECK(strstr(log, "missing/dir/kiosk.db"));
    CHECK(strstr(log, "unable to open database file"));
    free(log);
    yk_db_close(&db); /* harmless after a failed open */

    /* A file that is not a database. */
    snprintf(path, sizeof path, "%s/garbage.db", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f);
    for (int i = 0; i < 1024; i++)
        fputs("not a database, just text. ", f);
    fclose(f);
    p.path = path;
    capture_begin(&cap);
    ok = yk_db_open(&db, &p);
    log = capture_end(&cap);
    CHECK(!ok);
    CHECK(db.handle == NULL);
    CHECK(strstr(db.error, "not a database"));
    CHECK(strstr(log, "yikong error [db]"));
    CHECK(strstr(log, "file is not a database"));
    free(log);

    /* A path that is a directory. */
    snprintf(path, sizeof path, "%s", dir);
    capture_begin(&cap);
    ok = yk_db_open(&db, &p);
    free(capture_end(&cap));
    CHECK(!ok && db.handle == NULL && db.error[0]);

    /* A database from newer software is refused, not "migrated". */
    CHECK(open_db(&db, dir, "newer.db", false, T_2026_12_01_MS));
    CHECK(q_exec(&db, "PRAGMA user_version = 999") == SQLITE_DONE);
    yk_db_close(&db);
    capture_begin(&cap);
    ok = open_db(&db, dir, "newer.db", false, T_2026_12_01_MS);
    log = capture_end(&cap);
    CHECK(!ok);
    CHECK(strstr(db.error, "newer"));
    CHECK(strstr(log, "999"));
    free(log);

    /* Read-only cannot create. */
    snprintf(path, sizeof path, "%s/absent.db", dir);
    struct yk_db_params ro = {.path = path, .read_only = true};
    capture_begin(&cap);
    ok = yk_db_open(&db, &ro);
    free(capture_end(&cap));
    CHECK(!ok && db.error[0]);
    struct stat sb;
    CHECK(stat(path, &sb) != 0);
}

static void test_integrity_detects_damage(void)
{
    /* Overwrite a page in the middle of a database file: the check must notice. */
    struct yk_db db;
    CHECK(open_db(&db, dir, "damaged.db", true, T_2026_12_01_MS));
    CHECK(q_exec(&db, "PRAGMA wal_checkpoint(TRUNCATE)") == SQLITE_DONE);
    int page = (int)q_int(&db, "PRAGMA page_size");
    int pages = (int)q_int(&db, "PRAGMA page_count");
    yk_db_close(&db);
    CHECK(pages > 4);

    char path[600];
    snprintf(path, sizeof path, "%s/damaged.db", dir);
    FILE *f = fopen(path, "r+b");
    CHECK(f);
    /* Page 3 onward holds table data: fill most of it with junk. */
    CHECK(fseek(f, (long)page * 2 + 8, SEEK_SET) == 0);
    for (int i = 0; i < page - 16; i++)
        fputc(0xA5, f);
    fclose(f);

    struct capture cap;
    capture_begin(&cap);
    bool opened = open_db(&db, dir, "damaged.db", false, T_2026_12_01_MS);
    bool ok = opened && yk_db_integrity_check(&db, false);
    char *log = capture_end(&cap);
    CHECK(!ok);
    CHECK(strstr(log, "yikong error [db]"));
    free(log);
    yk_db_close(&db);
}

int main(void)
{
    yk_scratch_dir(dir, sizeof dir, "db-test");
    test_fresh_open();
    test_reopen_is_noop();
    test_foreign_keys();
    test_append_only();
    test_synchronous_full();
    test_bad_paths();
    test_integrity_detects_damage();
    yk_scratch_remove(dir);
    puts("test_db_open: ok");
    return yk_test_done();
}
