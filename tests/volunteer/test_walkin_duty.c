/* Walk-in tally, duty log and the day's summary (src/core/volunteer.c). */
#include "vol_test_util.h"

#include "core/shtime.h"
#include "core/volunteer.h"

static char dir[512];
static struct yk_db db;

static int count_of(const struct yk_walkin_count_list *l, const char *kind)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].kind_id, kind) == 0)
            return l->items[i].count;
    return -1;
}

static long long seconds_of(const struct yk_duty_list *l, const char *vid)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].volunteer_id, vid) == 0)
            return l->items[i].seconds;
    return -1;
}

static void test_day_bounds(void)
{
    long long s, e;
    /* 2026-12-01 00:00 Shanghai is 2026-11-30 16:00 UTC. */
    yk_volunteer_day_bounds(T0_MS, &s, &e);
    CHECK_EQ_INT(s, yk_shanghai_to_utc(2026, 12, 1, 0, 0, 0));
    CHECK_EQ_INT(e, yk_shanghai_to_utc(2026, 12, 2, 0, 0, 0));
    yk_volunteer_day_bounds(yk_shanghai_to_utc(2026, 12, 1, 23, 59, 59) * 1000 + 999, &s, &e);
    CHECK_EQ_INT(s, yk_shanghai_to_utc(2026, 12, 1, 0, 0, 0));
    yk_volunteer_day_bounds(yk_shanghai_to_utc(2026, 12, 2, 0, 0, 0) * 1000, &s, &e);
    CHECK_EQ_INT(s, yk_shanghai_to_utc(2026, 12, 2, 0, 0, 0));
}

static void test_walkins(void)
{
    int64_t t = T0_MS; /* 09:00 */
    char id[YK_ID_LEN + 1], kind[YK_VOLUNTEER_ID_MAX + 1];

    /* Nothing to undo on a fresh day. */
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t, kind), YK_UNDO_NOTHING);
    CHECK_EQ_STR(kind, "");

    CHECK(yk_walkin_tap(&db, "consult", NULL, t, id));
    CHECK(yk_id_valid(id));
    CHECK(yk_walkin_tap(&db, "consult", NULL, t + 1000, NULL));
    CHECK(yk_walkin_tap(&db, "visit", NULL, t + 2000, NULL));
    CHECK(yk_walkin_tap(&db, "group-tour", NULL, t + 3000, NULL));
    CHECK(!yk_walkin_tap(&db, "no-such-kind", NULL, t + 3000, NULL));

    /* Undo takes back the latest tap; twice, two. */
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 4000, kind), YK_UNDO_OK);
    CHECK_EQ_STR(kind, "group-tour");
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 5000, kind), YK_UNDO_OK);
    CHECK_EQ_STR(kind, "visit");
    /* A tap after undos, then an undo: that tap goes, not an already undone one. */
    CHECK(yk_walkin_tap(&db, "service", NULL, t + 6000, NULL));
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 7000, kind), YK_UNDO_OK);
    CHECK_EQ_STR(kind, "service");
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 8000, kind), YK_UNDO_OK);
    CHECK_EQ_STR(kind, "consult");

    /* Taps and undos within one millisecond still pair in order. */
    CHECK(yk_walkin_tap(&db, "visit", NULL, t + 9000, NULL));
    CHECK(yk_walkin_tap(&db, "service", NULL, t + 9000, NULL));
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 9000, kind), YK_UNDO_OK);
    CHECK_EQ_STR(kind, "service");
    CHECK(yk_walkin_tap(&db, "group-tour", NULL, t + 9000, NULL));
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 9000, kind), YK_UNDO_OK);
    CHECK_EQ_STR(kind, "group-tour");

    /* Another kiosk's taps are not this kiosk's to undo. */
    char other[YK_ID_LEN + 1];
    yk_id_make(other, T0_MS - DAY_MS);
    CHECK(yk_walkin_tap(&db, "consult", other, t + 10000, NULL));
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 11000, kind), YK_UNDO_OK);
    CHECK_EQ_STR(kind, "visit");

    /* Left: consult 1 (+ other kiosk's 1), visit 0, group-tour 0, service 0. */
    struct yk_walkin_count_list l;
    CHECK(yk_walkin_counts(&db, t, &l));
    CHECK_EQ_INT(l.count, 4);
    CHECK_EQ_INT(count_of(&l, "consult"), 2);
    CHECK_EQ_INT(count_of(&l, "visit"), 0);
    CHECK_EQ_INT(count_of(&l, "group-tour"), 0);
    CHECK_EQ_INT(count_of(&l, "service"), 0);
    CHECK_EQ_INT(l.total, 2);
    if (l.count == 4) {
        CHECK_EQ_STR(l.items[0].kind_id, "consult"); /* display order */
        CHECK_EQ_STR(l.items[0].name.zh, "咨询");
    }
    yk_walkin_counts_free(&l);
    yk_walkin_counts_free(&l);

    /* One consult tap of this kiosk is left to undo, then nothing. */
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 12000, kind), YK_UNDO_OK);
    CHECK_EQ_STR(kind, "consult");
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 13000, kind), YK_UNDO_NOTHING);

    /* Nothing was deleted: 8 taps of this kiosk, 1 of the other, 8 undo rows. */
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM walkins WHERE delta = 1"), 9);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM walkins WHERE delta = -1"), 8);
    CHECK_EQ_INT(q_int(&db, "SELECT sum(delta) FROM walkins"), 1);
    /* Ids increase with each row even when made in the same millisecond. */
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM walkins a JOIN walkins b ON a.rowid < b.rowid "
                            "WHERE a.id >= b.id"),
                 0);

    /* Yesterday's tap is not undone today, and counts on its own day. */
    CHECK(yk_walkin_tap(&db, "visit", NULL, t + 15 * HOUR_MS - 1000, NULL)); /* 23:59:59 */
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, t + 15 * HOUR_MS, kind), YK_UNDO_NOTHING);
    CHECK(yk_walkin_counts(&db, t + 15 * HOUR_MS, &l));
    CHECK_EQ_INT(l.total, 0);
    yk_walkin_counts_free(&l);
    CHECK(yk_walkin_counts(&db, t, &l));
    CHECK_EQ_INT(count_of(&l, "visit"), 1);
    yk_walkin_counts_free(&l);

    /* A kind the hub deleted still shows on a day it has rows, and is no longer tappable. */
    CHECK(q_exec(&db, "UPDATE walkin_kinds SET deleted = 1 WHERE id = 'visit'"));
    CHECK(yk_walkin_counts(&db, t, &l));
    CHECK_EQ_INT(count_of(&l, "visit"), 1);
    yk_walkin_counts_free(&l);
    CHECK(yk_walkin_counts(&db, t - DAY_MS, &l));
    CHECK_EQ_INT(count_of(&l, "visit"), -1);
    CHECK_EQ_INT(l.count, 3);
    yk_walkin_counts_free(&l);
    CHECK(!yk_walkin_tap(&db, "visit", NULL, t, NULL));
    CHECK(q_exec(&db, "UPDATE walkin_kinds SET deleted = 0 WHERE id = 'visit'"));
}

static void add_volunteer(const char *id, const char *name)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT INTO volunteers (id, name_zh, pin_hash) VALUES ('%s', '%s', 'x')", id, name);
    CHECK(q_exec(&db, sql));
}

static void test_duty(void)
{
    add_volunteer("li", "李志愿者");
    /* Dec 3: demo 22:00 → Dec 4 01:30 (across midnight); li 20:00 → 21:15 and 23:00 → open. */
    int64_t d3 = T0_MS + 2 * DAY_MS - 9 * HOUR_MS; /* 2026-12-03 00:00 Shanghai */
    int64_t d4 = d3 + DAY_MS;
    CHECK_EQ_INT(yk_duty_on(&db, "demo", d3 + 22 * HOUR_MS), YK_DUTY_OK);
    CHECK_EQ_INT(yk_duty_on(&db, "demo", d3 + 22 * HOUR_MS + 5000), YK_DUTY_NO_CHANGE);
    CHECK_EQ_INT(yk_duty_off(&db, "li", d3 + 19 * HOUR_MS), YK_DUTY_NO_CHANGE);
    CHECK_EQ_INT(yk_duty_on(&db, "li", d3 + 20 * HOUR_MS), YK_DUTY_OK);
    CHECK_EQ_INT(yk_duty_off(&db, "li", d3 + 21 * HOUR_MS + 15 * 60000), YK_DUTY_OK);
    CHECK_EQ_INT(yk_duty_on(&db, "li", d3 + 23 * HOUR_MS), YK_DUTY_OK);
    CHECK_EQ_INT(yk_duty_on(&db, "nobody", d3 + 23 * HOUR_MS), YK_DUTY_ERROR);

    struct yk_duty_list l;
    CHECK(yk_duty_now(&db, &l));
    CHECK_EQ_INT(l.count, 2);
    if (l.count == 2) {
        CHECK_EQ_STR(l.items[0].volunteer_id, "demo");
        CHECK_EQ_INT(l.items[0].since_utc, (d3 + 22 * HOUR_MS) / 1000);
        CHECK_EQ_STR(l.items[0].name.zh, "演示志愿者");
        CHECK(l.items[0].on_duty);
        CHECK_EQ_STR(l.items[1].volunteer_id, "li");
    }
    yk_duty_list_free(&l);

    CHECK_EQ_INT(yk_duty_off(&db, "demo", d4 + HOUR_MS + 30 * 60000), YK_DUTY_OK);
    CHECK_EQ_INT(yk_duty_off(&db, "demo", d4 + 2 * HOUR_MS), YK_DUTY_NO_CHANGE);
    /* li's open shift counts up to "now": Dec 4 00:45. */
    int64_t now = d4 + 45 * 60000;
    CHECK(yk_duty_hours(&db, d3 + 12 * HOUR_MS, now, &l));
    CHECK_EQ_INT(l.count, 2);
    CHECK_EQ_INT(seconds_of(&l, "demo"), 2 * 3600);
    CHECK_EQ_INT(seconds_of(&l, "li"), 3600 + 15 * 60 + 3600);
    CHECK_EQ_INT(l.total_seconds, 2 * 3600 + 3600 + 15 * 60 + 3600);
    yk_duty_list_free(&l);
    CHECK(yk_duty_hours(&db, d4 + 12 * HOUR_MS, now, &l));
    CHECK_EQ_INT(seconds_of(&l, "demo"), 3600 + 30 * 60);
    CHECK_EQ_INT(seconds_of(&l, "li"), 45 * 60);
    yk_duty_list_free(&l);
    /* A day with no duty: empty. */
    CHECK(yk_duty_hours(&db, d3 - DAY_MS, now, &l));
    CHECK_EQ_INT(l.count, 0);
    yk_duty_list_free(&l);

    /* Off before on (the clock stepped back): the shift ends where it began. */
    CHECK_EQ_INT(yk_duty_off(&db, "li", d3 + 22 * HOUR_MS), YK_DUTY_OK);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM duty_log WHERE volunteer_id = 'li' AND "
                            "off_utc = on_utc"),
                 1);
    CHECK(yk_duty_now(&db, &l));
    CHECK_EQ_INT(l.count, 0);
    yk_duty_list_free(&l);
}

static void test_summary(void)
{
    /* Dec 5 (Shanghai), a fresh day: records of that day and around it. */
    int64_t d5 = T0_MS + 4 * DAY_MS - 9 * HOUR_MS;
    char id[YK_ID_LEN + 1];
    CHECK(yk_checkin_record(&db, "srd-2026-12", NULL, "10000000000000000001", 2, NULL, "demo",
                            d5 + 10 * HOUR_MS, id));
    CHECK(yk_checkin_record(&db, "srd-2026-12", NULL, "10000000000000000001", 1, NULL, "demo",
                            d5 + 11 * HOUR_MS, id));
    CHECK(yk_checkin_record(&db, "srd-2026-12", NULL, "10000000000000000002", 3, NULL, NULL,
                            d5 + 11 * HOUR_MS, id));
    CHECK(yk_checkin_record(&db, "srd-2027-01", NULL, "10000000000000000003", 1, NULL, NULL,
                            d5 + 12 * HOUR_MS, id));
    CHECK(yk_checkin_record(&db, "srd-2026-12", NULL, "10000000000000000004", 4, NULL, NULL,
                            d5 - 1000, id)); /* the day before */
    CHECK(yk_walkin_tap(&db, "visit", NULL, d5 + 9 * HOUR_MS, NULL));
    CHECK(yk_walkin_tap(&db, "visit", NULL, d5 + 9 * HOUR_MS + 1, NULL));
    CHECK(yk_walkin_tap(&db, "consult", NULL, d5 + 9 * HOUR_MS + 2, NULL));
    CHECK(yk_walkin_tap(&db, "service", NULL, d5 + 9 * HOUR_MS + 3, NULL));
    CHECK_EQ_INT(yk_walkin_undo_last(&db, NULL, d5 + 9 * HOUR_MS + 4, NULL), YK_UNDO_OK);
    CHECK(yk_walkin_tap(&db, "consult", NULL, d5 + DAY_MS, NULL)); /* the day after */
    CHECK_EQ_INT(yk_duty_on(&db, "demo", d5 + 8 * HOUR_MS), YK_DUTY_OK);
    CHECK_EQ_INT(yk_duty_off(&db, "demo", d5 + 12 * HOUR_MS), YK_DUTY_OK);
    CHECK_EQ_INT(yk_duty_on(&db, "li", d5 + 13 * HOUR_MS), YK_DUTY_OK);

    struct yk_day_summary s;
    int64_t now = d5 + 14 * HOUR_MS + 30 * 60000; /* 14:30 */
    CHECK(yk_volunteer_summary(&db, now, &s));
    CHECK_EQ_INT(s.day_start_utc, d5 / 1000);
    CHECK_EQ_INT(s.day_end_utc, d5 / 1000 + 86400);
    CHECK_EQ_INT(s.event_count, 2);
    if (s.event_count == 2) {
        CHECK_EQ_STR(s.events[0].event_id, "srd-2026-12");
        CHECK_EQ_INT(s.events[0].people, 6);
        CHECK_EQ_INT(s.events[0].parties, 2);
        CHECK(strstr(s.events[0].title.zh, "社会责任日") != NULL);
        CHECK_EQ_STR(s.events[1].event_id, "srd-2027-01");
        CHECK_EQ_INT(s.events[1].people, 1);
    }
    CHECK_EQ_INT(s.checkin_people, 7);
    CHECK_EQ_INT(count_of(&s.walkins, "visit"), 2);
    CHECK_EQ_INT(count_of(&s.walkins, "consult"), 1);
    CHECK_EQ_INT(count_of(&s.walkins, "service"), 0);
    CHECK_EQ_INT(s.walkins.total, 3);
    CHECK_EQ_INT(seconds_of(&s.duty, "demo"), 4 * 3600);
    CHECK_EQ_INT(seconds_of(&s.duty, "li"), 3600 + 30 * 60);
    CHECK_EQ_INT(s.duty.total_seconds, 5 * 3600 + 30 * 60);
    yk_day_summary_free(&s);
    CHECK(s.events == NULL && s.walkins.items == NULL && s.duty.items == NULL);
    yk_day_summary_free(&s);
    yk_day_summary_free(NULL);
}

/* Issue 14: in the first seconds of duty the Today tab said "no duty record" while the Duty
 * tab said "on duty": a shift that is open is on today's list even before it has a second. */
static void test_duty_first_seconds(void)
{
    add_volunteer("wang", "王志愿者");
    int64_t d7 = T0_MS + 6 * DAY_MS - 9 * HOUR_MS; /* 2026-12-07 00:00 Shanghai */
    int64_t on = d7 + 9 * HOUR_MS + 500;
    CHECK_EQ_INT(yk_duty_on(&db, "wang", on), YK_DUTY_OK);
    struct yk_duty_list l;
    CHECK(yk_duty_hours(&db, on, on, &l));
    CHECK_EQ_INT(seconds_of(&l, "wang"), 0);
    for (size_t i = 0; i < l.count; i++)
        if (strcmp(l.items[i].volunteer_id, "wang") == 0)
            CHECK(l.items[i].on_duty);
    yk_duty_list_free(&l);
    struct yk_day_summary s;
    CHECK(yk_volunteer_summary(&db, on + 400, &s));
    CHECK_EQ_INT(seconds_of(&s.duty, "wang"), 0);
    yk_day_summary_free(&s);
    /* Half a minute in, both say the same 30 s. */
    CHECK(yk_volunteer_summary(&db, on + 30000, &s));
    CHECK_EQ_INT(seconds_of(&s.duty, "wang"), 30);
    yk_day_summary_free(&s);
    /* A shift closed within its first second has no time: not on the day's list. */
    CHECK_EQ_INT(yk_duty_off(&db, "wang", on + 100), YK_DUTY_OK);
    CHECK(yk_duty_hours(&db, on, on + 200, &l));
    CHECK_EQ_INT(seconds_of(&l, "wang"), -1);
    yk_duty_list_free(&l);
}

int main(void)
{
    yk_scratch_dir(dir, sizeof dir, "vol-test");
    open_sample(&db, dir, T0_MS);
    test_day_bounds();
    test_walkins();
    test_duty();
    test_summary();
    test_duty_first_seconds();
    yk_db_close(&db);
    yk_scratch_remove(dir);
    return yk_test_done();
}
