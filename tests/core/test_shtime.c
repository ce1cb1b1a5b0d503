#include "check.h"
#include "core/clock.h"
#include "core/shtime.h"

static void test_conversion(void)
{
    /* 2026-12-01 00:00 UTC is 08:00 in Shanghai, a Tuesday. */
    struct yk_localtime lt;
    yk_shanghai_time(1796083200, &lt);
    CHECK_EQ_INT(lt.year, 2026);
    CHECK_EQ_INT(lt.month, 12);
    CHECK_EQ_INT(lt.day, 1);
    CHECK_EQ_INT(lt.hour, 8);
    CHECK_EQ_INT(lt.weekday, 2);
    CHECK_EQ_INT(yk_shanghai_to_utc(2026, 12, 1, 8, 0, 0), 1796083200);
    /* 16:30 UTC on New Year's Eve is already the new year in Shanghai. */
    yk_shanghai_time(yk_shanghai_to_utc(2027, 1, 1, 0, 30, 0), &lt);
    CHECK_EQ_INT(lt.year, 2027);
    CHECK_EQ_INT(lt.month, 1);
    CHECK_EQ_INT(lt.minute_of_day, 30);
    /* Leap day and round trips across many years. */
    CHECK_EQ_INT(yk_days_from_civil(2028, 3, 1) - yk_days_from_civil(2028, 2, 28), 2);
    for (int64_t t = 0; t < 4102444800LL; t += 7919 * 3600 + 17) {
        yk_shanghai_time(t, &lt);
        CHECK_EQ_INT(yk_shanghai_to_utc(lt.year, lt.month, lt.day, lt.hour, lt.minute, lt.second),
                     t);
    }
    yk_shanghai_time(-3600 * 9, &lt); /* before the epoch */
    CHECK_EQ_INT(lt.year, 1969);
    CHECK_EQ_INT(lt.hour, 23);
}

static void test_formats(void)
{
    char buf[64];
    int64_t t = yk_shanghai_to_utc(2026, 12, 5, 9, 30, 0);
    yk_format_date(buf, sizeof buf, t, "zh");
    CHECK_EQ_STR(buf, "2026年12月5日 星期六");
    yk_format_date(buf, sizeof buf, t, "en");
    CHECK_EQ_STR(buf, "Sat 5 Dec 2026");
    yk_format_hhmm(buf, sizeof buf, t);
    CHECK_EQ_STR(buf, "09:30");
    yk_format_span(buf, sizeof buf, t, t + 7200, "zh");
    CHECK_EQ_STR(buf, "12月5日 星期六 09:30–11:30");
    yk_format_span(buf, sizeof buf, t, t + 7200, "en");
    CHECK_EQ_STR(buf, "Sat 5 Dec 09:30–11:30");
}

/* Issue 14: the year where it is not this one; whole days and months said as such. */
static void test_when(void)
{
    char buf[96];
    int64_t now = yk_shanghai_to_utc(2026, 12, 1, 9, 0, 0);
    int64_t t = yk_shanghai_to_utc(2026, 12, 5, 9, 30, 0);
    yk_format_when(buf, sizeof buf, t, t + 7200, now, "zh");
    CHECK_EQ_STR(buf, "12月5日 星期六 09:30–11:30");
    yk_format_when(buf, sizeof buf, t, t + 7200, now, "en");
    CHECK_EQ_STR(buf, "Sat 5 Dec 09:30–11:30");
    t = yk_shanghai_to_utc(2027, 10, 1, 9, 30, 0);
    yk_format_when(buf, sizeof buf, t, t + 7200, now, "zh");
    CHECK_EQ_STR(buf, "2027年10月1日 星期五 09:30–11:30");
    yk_format_when(buf, sizeof buf, t, t + 7200, now, "en");
    CHECK_EQ_STR(buf, "Fri 1 Oct 2027 09:30–11:30");
    int64_t m0 = yk_shanghai_to_utc(2027, 3, 1, 0, 0, 0),
            m1 = yk_shanghai_to_utc(2027, 4, 1, 0, 0, 0);
    yk_format_when(buf, sizeof buf, m0, m1, yk_shanghai_to_utc(2027, 2, 1, 9, 0, 0), "zh");
    CHECK_EQ_STR(buf, "3月全月");
    yk_format_when(buf, sizeof buf, m0, m1, yk_shanghai_to_utc(2027, 2, 1, 9, 0, 0), "en");
    CHECK_EQ_STR(buf, "March (all month)");
    yk_format_when(buf, sizeof buf, m0, m1, now, "zh");
    CHECK_EQ_STR(buf, "2027年3月全月");
    int64_t d0 = yk_shanghai_to_utc(2026, 12, 5, 0, 0, 0);
    yk_format_when(buf, sizeof buf, d0, d0 + 86400, now, "zh");
    CHECK_EQ_STR(buf, "12月5日 星期六 全天");
    yk_format_when(buf, sizeof buf, d0, d0 + 86400, now, "en");
    CHECK_EQ_STR(buf, "Sat 5 Dec, all day");
    yk_format_when(buf, sizeof buf, d0, d0 + 3 * 86400, now, "en");
    CHECK_EQ_STR(buf, "5–7 Dec");
    yk_format_when(buf, sizeof buf, d0, d0 + 3 * 86400, now, "zh");
    CHECK_EQ_STR(buf, "12月5日–12月7日");
    /* A moment (a sign-up deadline): its day and time, the year only where it is not now's. */
    int64_t m = yk_shanghai_to_utc(2026, 12, 11, 18, 0, 0);
    yk_format_when(buf, sizeof buf, m, m, now, "en");
    CHECK_EQ_STR(buf, "Fri 11 Dec 18:00");
    yk_format_when(buf, sizeof buf, m, m, now, "zh");
    CHECK_EQ_STR(buf, "12月11日 星期五 18:00");
    m = yk_shanghai_to_utc(2027, 9, 30, 18, 0, 0);
    yk_format_when(buf, sizeof buf, m, m, now, "en");
    CHECK_EQ_STR(buf, "Thu 30 Sep 2027 18:00");
    yk_format_when(buf, sizeof buf, m, m, now, "zh");
    CHECK_EQ_STR(buf, "2027年9月30日 星期四 18:00");
    /* A day (the events list's headings). */
    yk_format_day(buf, sizeof buf, d0, now, "en");
    CHECK_EQ_STR(buf, "Sat 5 Dec");
    yk_format_day(buf, sizeof buf, d0, now, "zh");
    CHECK_EQ_STR(buf, "12月5日 星期六");
    yk_format_day(buf, sizeof buf, m, now, "en");
    CHECK_EQ_STR(buf, "Thu 30 Sep 2027");
    yk_format_day(buf, sizeof buf, m, now, "zh");
    CHECK_EQ_STR(buf, "2027年9月30日 星期四");
    /* A calendar leaf (a large screen's event page): the month, the weekday, the day. */
    const char *wd = NULL;
    CHECK_EQ_INT(yk_format_leaf(buf, sizeof buf, &wd, d0, now, "zh"), 5);
    CHECK_EQ_STR(buf, "12月");
    CHECK_EQ_STR(wd, "星期六");
    CHECK_EQ_INT(yk_format_leaf(buf, sizeof buf, &wd, d0, now, "en"), 5);
    CHECK_EQ_STR(buf, "Dec");
    CHECK_EQ_STR(wd, "Sat");
    CHECK_EQ_INT(yk_format_leaf(buf, sizeof buf, &wd, m, now, "zh"), 30);
    CHECK_EQ_STR(buf, "2027年9月");
    CHECK_EQ_STR(wd, "星期四");
    CHECK_EQ_INT(yk_format_leaf(buf, sizeof buf, &wd, m, now, "en"), 30);
    CHECK_EQ_STR(buf, "Sep 2027");
}

static void test_driven_clock(void)
{
    struct yk_clock c;
    yk_clock_init_driven(&c, 1796083200);
    CHECK_EQ_INT(yk_clock_mono_ms(&c), 0);
    CHECK_EQ_INT(yk_clock_utc_ms(&c), 1796083200000LL);
    yk_clock_advance(&c, 1500);
    CHECK_EQ_INT(yk_clock_mono_ms(&c), 1500);
    CHECK_EQ_INT(yk_clock_utc_ms(&c), 1796083201500LL);
    struct yk_clock r;
    yk_clock_init_real(&r, 1796083200);
    int64_t u = yk_clock_utc_ms(&r);
    CHECK(u >= 1796083200000LL && u < 1796083260000LL);
}

/* The --now forms (config.c words the messages; the reading is here). */
static void test_parse_datetime(void)
{
    int64_t t = 0;
    CHECK_EQ_INT(yk_parse_datetime("2026-12-01T09:00", &t), YK_DATETIME_OK);
    CHECK_EQ_INT(t, 1796086800LL);
    CHECK_EQ_INT(yk_parse_datetime("2026-12-01T01:00:00Z", &t), YK_DATETIME_OK);
    CHECK_EQ_INT(t, 1796086800LL);
    CHECK_EQ_INT(yk_parse_datetime("2026-12-01 04:00:00+03:00", &t), YK_DATETIME_OK);
    CHECK_EQ_INT(t, 1796086800LL);
    t = 7;
    CHECK_EQ_INT(yk_parse_datetime("2026-02-29 09:00", &t), YK_DATETIME_RANGE);
    CHECK_EQ_INT(t, 7); /* untouched */
    CHECK_EQ_INT(yk_parse_datetime("1999-12-31 09:00", &t), YK_DATETIME_RANGE);
    CHECK_EQ_INT(yk_parse_datetime("2026-12-01 24:00", &t), YK_DATETIME_RANGE);
    CHECK_EQ_INT(yk_parse_datetime("2026-12-01T09:00+15:00", &t), YK_DATETIME_OFFSET);
    CHECK_EQ_INT(yk_parse_datetime("2026-12-01T09:00+0800", &t), YK_DATETIME_OFFSET);
    CHECK_EQ_INT(yk_parse_datetime("2026-12-01", &t), YK_DATETIME_FORM);
    CHECK_EQ_INT(yk_parse_datetime("2026-12-01T09:00 ", &t), YK_DATETIME_FORM);
    CHECK_EQ_INT(yk_days_in_month(2028, 2), 29);
    CHECK_EQ_INT(yk_days_in_month(2100, 2), 28);
    CHECK_EQ_INT(yk_days_in_month(2000, 2), 29);
    CHECK_EQ_INT(yk_days_in_month(2026, 4), 30);
}

int main(void)
{
    test_parse_datetime();
    test_conversion();
    test_formats();
    test_when();
    test_driven_clock();
    return yk_test_done();
}
