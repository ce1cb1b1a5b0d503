/* The PIN pad (src/core/volunteer.c): hashing, checking, lockout, persistence, audit. */
#include "vol_test_util.h"

#include "core/volunteer.h"

static char dir[512];
static struct yk_db db;

/* PINs typed in this test: none may appear in the audit log. */
static const char *typed[] = {"2468", "135790", "1111", "0000", "9999", "12"};

static void test_guard_pure(void)
{
    CHECK_EQ_INT(yk_pin_guard_lock_ms(0), 30000);
    CHECK_EQ_INT(yk_pin_guard_lock_ms(1), 60000);
    CHECK_EQ_INT(yk_pin_guard_lock_ms(2), 120000);
    CHECK_EQ_INT(yk_pin_guard_lock_ms(4), 480000);
    CHECK_EQ_INT(yk_pin_guard_lock_ms(5), 900000); /* 960 s capped at 15 min */
    CHECK_EQ_INT(yk_pin_guard_lock_ms(1000), 900000);

    struct yk_pin_guard g;
    yk_pin_guard_reset(&g);
    int64_t t = 1000000;
    for (int i = 1; i < YK_PIN_FREE_TRIES; i++) {
        CHECK_EQ_INT(yk_pin_guard_fail(&g, t), 0);
        CHECK_EQ_INT(yk_pin_guard_wait_ms(&g, t), 0);
    }
    CHECK_EQ_INT(yk_pin_guard_fail(&g, t), 30000); /* the fifth */
    CHECK_EQ_INT(yk_pin_guard_wait_ms(&g, t + 1000), 29000);
    CHECK_EQ_INT(yk_pin_guard_wait_ms(&g, t + 30000), 0);
    t += 30000;
    CHECK_EQ_INT(yk_pin_guard_fail(&g, t), 60000); /* each further one locks, longer */
    t += 60000;
    CHECK_EQ_INT(yk_pin_guard_fail(&g, t), 120000);
    /* The wall clock stepped back a day: the lock is shortened to its own length. */
    CHECK_EQ_INT(yk_pin_guard_wait_ms(&g, t - DAY_MS), 120000);
    CHECK_EQ_INT(g.locked_until_ms, t - DAY_MS + 120000);
    yk_pin_guard_reset(&g);
    CHECK_EQ_INT(yk_pin_guard_wait_ms(&g, t), 0);
}

static void test_hash(void)
{
    char hash[YK_PIN_HASH_MAX];
    CHECK(!yk_volunteer_hash_pin("123", hash));
    CHECK(!yk_volunteer_hash_pin("12a4", hash));
    CHECK(!yk_volunteer_hash_pin("1234567890123", hash));
    CHECK(yk_volunteer_hash_pin("135790", hash));
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);
    CHECK(strstr(hash, "135790") == NULL);

    /* A second active volunteer and an inactive one. */
    sqlite3_stmt *st = yk_db_prepare(&db, "INSERT INTO volunteers (id, name_zh, name_en, "
                                          "pin_hash, active) VALUES (?1, ?2, ?3, ?4, ?5)");
    CHECK(st != NULL);
    sqlite3_bind_text(st, 1, "wang", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, "王志愿者", -1, SQLITE_STATIC);
    sqlite3_bind_null(st, 3);
    sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, 1);
    CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_reset(st);
    char hash2[YK_PIN_HASH_MAX];
    CHECK(yk_volunteer_hash_pin("1111", hash2));
    sqlite3_bind_text(st, 1, "retired", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, "退休志愿者", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, hash2, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, 0);
    CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
}

static void test_right_and_wrong(void)
{
    struct yk_pin_result r;
    int64_t t = T0_MS;
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "2468", t, &r), YK_PIN_OK);
    CHECK_EQ_STR(r.volunteer_id, "demo");
    CHECK_EQ_STR(r.name.zh, "演示志愿者");
    CHECK_EQ_STR(r.name.en, "Demo volunteer");
    CHECK_EQ_INT(r.wait_ms, 0);

    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "135790", t + 1000, &r), YK_PIN_OK);
    CHECK_EQ_STR(r.volunteer_id, "wang");
    CHECK_EQ_STR(r.name.en, "");

    /* The inactive volunteer's PIN opens nothing. */
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "1111", t + 2000, &r), YK_PIN_WRONG);
    CHECK_EQ_STR(r.volunteer_id, "");
    CHECK_EQ_INT(r.failures, 1);
    CHECK_EQ_INT(r.tries_left, 4);
    CHECK_EQ_INT(r.wait_ms, 0);
    /* A right PIN clears the count. */
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "2468", t + 3000, &r), YK_PIN_OK);
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "0000", t + 4000, &r), YK_PIN_WRONG);
    CHECK_EQ_INT(r.failures, 1);
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "2468", t + 5000, &r), YK_PIN_OK);

    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM audit_log WHERE what = 'volunteer.unlock'"), 4);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM audit_log WHERE what = 'volunteer.unlock' "
                            "AND ref = 'wang'"),
                 1);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM audit_log WHERE what = 'volunteer.pin_wrong'"),
                 2);
}

static void test_lockout(void)
{
    struct yk_pin_result r;
    int64_t t = T0_MS + HOUR_MS;
    const char *wrong[] = {"9999", "0000", "12", "9999", "0000"};
    for (int i = 0; i < 5; i++) {
        CHECK_EQ_INT(yk_volunteer_pin_check(&db, wrong[i], t + i, &r), YK_PIN_WRONG);
        CHECK_EQ_INT(r.failures, i + 1);
        CHECK_EQ_INT(r.tries_left, 4 - i);
    }
    CHECK_EQ_INT(r.wait_ms, 30000); /* the fifth locked the pad */
    t += 4;
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM audit_log WHERE what = 'volunteer.pin_lock'"), 1);

    /* Locked: even the right PIN is not looked at; nothing is written. */
    long long audits = q_int(&db, "SELECT count(*) FROM audit_log");
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "2468", t + 10000, &r), YK_PIN_LOCKED);
    CHECK_EQ_INT(r.wait_ms, 20000);
    CHECK_EQ_STR(r.volunteer_id, "");
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM audit_log"), audits);
    CHECK_EQ_INT(yk_volunteer_pin_wait_ms(&db, t + 29999), 1);

    /* After the lock, one more wrong PIN locks again for twice as long. */
    t += 30000;
    CHECK_EQ_INT(yk_volunteer_pin_wait_ms(&db, t), 0);
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "9999", t, &r), YK_PIN_WRONG);
    CHECK_EQ_INT(r.wait_ms, 60000);
    CHECK_EQ_INT(r.tries_left, 0);
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "9999", t + 59999, &r), YK_PIN_LOCKED);
    t += 60000;
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "0000", t, &r), YK_PIN_WRONG);
    CHECK_EQ_INT(r.wait_ms, 120000);
    CHECK_EQ_INT(r.failures, 7);

    /* The lock survives closing and reopening the database (a reboot). */
    yk_db_close(&db);
    open_sample(&db, dir, t);
    CHECK_EQ_INT(yk_volunteer_pin_wait_ms(&db, t + 1000), 119000);
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "2468", t + 1000, &r), YK_PIN_LOCKED);
    CHECK_EQ_INT(r.failures, 7);

    /* When the lock is over, the right PIN opens and clears everything. */
    t += 120000;
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "2468", t, &r), YK_PIN_OK);
    CHECK_EQ_INT(r.failures, 0);
    struct yk_pin_guard g;
    yk_pin_guard_load(&db, &g);
    CHECK_EQ_INT(g.failures, 0);
    CHECK_EQ_INT(g.lockouts, 0);
    CHECK_EQ_INT(yk_volunteer_pin_check(&db, "9999", t + 1, &r), YK_PIN_WRONG);
    CHECK_EQ_INT(r.wait_ms, 0);
    CHECK_EQ_INT(r.tries_left, 4);

    /* A malformed guard in meta is a clean guard, not a crash or a permanent lock. */
    CHECK(yk_db_meta_set(&db, "pin_guard", "garbage"));
    yk_pin_guard_load(&db, &g);
    CHECK_EQ_INT(g.failures, 0);
    CHECK_EQ_INT(g.locked_until_ms, 0);
}

static void test_audit_has_no_pins(void)
{
    CHECK(yk_volunteer_mode_locked(&db, "demo", "timeout", T0_MS + 2 * HOUR_MS));
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM audit_log WHERE what = "
                            "'volunteer.lock.timeout' AND ref = 'demo'"),
                 1);
    sqlite3_stmt *st = yk_db_prepare(&db, "SELECT what, coalesce(ref, '') FROM audit_log");
    CHECK(st != NULL);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        rows++;
        const char *what = (const char *)sqlite3_column_text(st, 0);
        const char *ref = (const char *)sqlite3_column_text(st, 1);
        /* Actions are codes without digits; refs are volunteer ids (no PINs). */
        CHECK(strpbrk(what, "0123456789") == NULL);
        for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
            if (strlen(typed[i]) >= 4)
                CHECK(strstr(ref, typed[i]) == NULL);
        }
        CHECK(strcmp(ref, "") == 0 || strcmp(ref, "demo") == 0 || strcmp(ref, "wang") == 0);
    }
    sqlite3_finalize(st);
    CHECK(rows >= 15);
    /* Nor does meta keep anything but counters. */
    char v[96];
    CHECK(yk_db_meta_get(&db, "pin_guard", v, sizeof v));
    CHECK(strstr(v, "2468") == NULL);
}

int main(void)
{
    yk_scratch_dir(dir, sizeof dir, "vol-test");
    open_sample(&db, dir, T0_MS);
    test_guard_pure();
    test_hash();
    test_right_and_wrong();
    test_lockout();
    test_audit_has_no_pins();
    yk_db_close(&db);
    yk_scratch_remove(dir);
    return yk_test_done();
}
