#include "core/shtime.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int64_t yk_days_from_civil(int y, int m, int d)
{
    /* Days from civil, after H. Hinnant's public-domain algorithm description. */
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void yk_shanghai_time(int64_t utc_s, struct yk_localtime *out)
{
    int64_t t = utc_s + YK_SHANGHAI_OFFSET_S;
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
    out->weekday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
    out->minute_of_day = out->hour * 60 + out->minute;
}

int64_t yk_shanghai_to_utc(int year, int month, int day, int hour, int minute, int second)
{
    return yk_days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
           YK_SHANGHAI_OFFSET_S;
}

int yk_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* Reads exactly n digits at *p and advances past them; -1 if any is not a digit. */
static int digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *p += n;
    return v;
}

enum yk_datetime_rc yk_parse_datetime(const char *text, int64_t *utc)
{
    const char *p = text;
    int y = digits(&p, 4);
    int mo = y < 0 || *p++ != '-' ? -1 : digits(&p, 2);
    int d = mo < 0 || *p++ != '-' ? -1 : digits(&p, 2);
    if (d < 0 || (*p != 'T' && *p != ' '))
        return YK_DATETIME_FORM;
    p++;
    int h = digits(&p, 2);
    int mi = h < 0 || *p++ != ':' ? -1 : digits(&p, 2);
    int s = 0;
    if (mi >= 0 && *p == ':') {
        p++;
        s = digits(&p, 2);
    }
    if (h < 0 || mi < 0 || s < 0)
        return YK_DATETIME_FORM;
    int offset = YK_SHANGHAI_OFFSET_S;
    if (*p == 'Z') {
        offset = 0;
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1;
        int oh = digits(&p, 2);
        int om = oh < 0 || *p++ != ':' ? -1 : digits(&p, 2);
        if (om < 0 || oh > 14 || om > 59)
            return YK_DATETIME_OFFSET;
        offset = sign * (oh * 3600 + om * 60);
    }
    if (*p != '\0')
        return YK_DATETIME_FORM;
    if (y < 2000 || mo < 1 || mo > 12 || d < 1 || d > yk_days_in_month(y, mo) || h > 23 ||
        mi > 59 || s > 59)
        return YK_DATETIME_RANGE;
    *utc = yk_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
    return YK_DATETIME_OK;
}

static const char *const zh_week[] = {"星期日", "星期一", "星期二", "星期三",
                                      "星期四", "星期五", "星期六"};
static const char *const en_week[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const en_month[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void yk_format_date(char *buf, size_t n, int64_t utc_s, const char *lang)
{
    struct yk_localtime lt;
    yk_shanghai_time(utc_s, &lt);
    if (strcmp(lang, "en") == 0)
        snprintf(buf, n, "%s %d %s %d", en_week[lt.weekday], lt.day, en_month[lt.month - 1],
                 lt.year);
    else
        snprintf(buf, n, "%d年%d月%d日 %s", lt.year, lt.month, lt.day, zh_week[lt.weekday]);
}

int yk_format_leaf(char *month, size_t n, const char **weekday, int64_t utc_s, int64_t now_utc_s,
                   const char *lang)
{
    struct yk_localtime lt, now;
    yk_shanghai_time(utc_s, &lt);
    yk_shanghai_time(now_utc_s, &now);
    bool en = strcmp(lang, "en") == 0, other_year = lt.year != now.year;
    if (en && other_year)
        snprintf(month, n, "%s %d", en_month[lt.month - 1], lt.year);
    else if (en)
        snprintf(month, n, "%s", en_month[lt.month - 1]);
    else if (other_year)
        snprintf(month, n, "%d年%d月", lt.year, lt.month);
    else
        snprintf(month, n, "%d月", lt.month);
    *weekday = en ? en_week[lt.weekday] : zh_week[lt.weekday];
    return lt.day;
}

void yk_format_hhmm(char *buf, size_t n, int64_t utc_s)
{
    struct yk_localtime lt;
    yk_shanghai_time(utc_s, &lt);
    snprintf(buf, n, "%02d:%02d", lt.hour, lt.minute);
}

void yk_format_span(char *buf, size_t n, int64_t start_utc_s, int64_t end_utc_s, const char *lang)
{
    struct yk_localtime a, b;
    yk_shanghai_time(start_utc_s, &a);
    yk_shanghai_time(end_utc_s, &b);
    int same = a.year == b.year && a.month == b.month && a.day == b.day;
    bool en = strcmp(lang, "en") == 0;
    if (same) {
        if (en)
            snprintf(buf, n, "%s %d %s %02d:%02d–%02d:%02d", en_week[a.weekday], a.day,
                     en_month[a.month - 1], a.hour, a.minute, b.hour, b.minute);
        else
            snprintf(buf, n, "%d月%d日 %s %02d:%02d–%02d:%02d", a.month, a.day, zh_week[a.weekday],
                     a.hour, a.minute, b.hour, b.minute);
    } else if (en) {
        snprintf(buf, n, "%d %s %02d:%02d – %d %s %02d:%02d", a.day, en_month[a.month - 1], a.hour,
                 a.minute, b.day, en_month[b.month - 1], b.hour, b.minute);
    } else {
        snprintf(buf, n, "%d月%d日 %02d:%02d – %d月%d日 %02d:%02d", a.month, a.day, a.hour,
                 a.minute, b.month, b.day, b.hour, b.minute);
    }
}

static const char *const en_month_long[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

void yk_format_day(char *buf, size_t n, int64_t utc_s, int64_t now_utc_s, const char *lang)
{
    struct yk_localtime a, now;
    yk_shanghai_time(utc_s, &a);
    yk_shanghai_time(now_utc_s, &now);
    bool en = strcmp(lang, "en") == 0;
    if (a.year == now.year && en)
        snprintf(buf, n, "%s %d %s", en_week[a.weekday], a.day, en_month[a.month - 1]);
    else if (a.year == now.year)
        snprintf(buf, n, "%d月%d日 %s", a.month, a.day, zh_week[a.weekday]);
    else
        yk_format_date(buf, n, utc_s, lang);
}

void yk_format_when(char *buf, size_t n, int64_t start_utc_s, int64_t end_utc_s, int64_t now_utc_s,
                    const char *lang)
{
    if (start_utc_s == end_utc_s) { /* a moment */
        char day[64], hhmm[16];
        yk_format_day(day, sizeof day, start_utc_s, now_utc_s, lang);
        yk_format_hhmm(hhmm, sizeof hhmm, start_utc_s);
        snprintf(buf, n, "%s %s", day, hhmm);
        return;
    }
    struct yk_localtime a, b, now;
    yk_shanghai_time(start_utc_s, &a);
    /* An end at midnight belongs to the day before (a whole day ends at 24:00). */
    bool whole = a.hour == 0 && a.minute == 0 && end_utc_s > start_utc_s;
    yk_shanghai_time(end_utc_s, &b);
    whole = whole && b.hour == 0 && b.minute == 0;
    if (whole)
        yk_shanghai_time(end_utc_s - 1, &b);
    yk_shanghai_time(now_utc_s, &now);
    bool en = strcmp(lang, "en") == 0;
    bool other_year = a.year != now.year || b.year != now.year;
    char year[16] = "";
    if (other_year)
        snprintf(year, sizeof year, en ? " %d" : "%d年", a.year);
    /* A whole calendar month: from the 1st at 00:00 to the 1st of the next. */
    int last = (int)(yk_days_from_civil(a.month == 12 ? a.year + 1 : a.year, a.month % 12 + 1, 1) -
                     yk_days_from_civil(a.year, a.month, 1));
    if (whole && a.day == 1 && b.year == a.year && b.month == a.month && b.day == last) {
        if (en)
            snprintf(buf, n, "%s%s (all month)", en_month_long[a.month - 1], year);
        else
            snprintf(buf, n, "%s%d月全月", year, a.month);
        return;
    }
    bool same_day = a.year == b.year && a.month == b.month && a.day == b.day;
    if (whole && same_day) {
        if (en)
            snprintf(buf, n, "%s %d %s%s, all day", en_week[a.weekday], a.day,
                     en_month[a.month - 1], year);
        else
            snprintf(buf, n, "%s%d月%d日 %s 全天", year, a.month, a.day, zh_week[a.weekday]);
        return;
    }
    if (whole) {
        if (en && a.month == b.month && a.year == b.year)
            snprintf(buf, n, "%d–%d %s%s", a.day, b.day, en_month[a.month - 1], year);
        else if (en)
            snprintf(buf, n, "%d %s – %d %s%s", a.day, en_month[a.month - 1], b.day,
                     en_month[b.month - 1], year);
        else
            snprintf(buf, n, "%s%d月%d日–%d月%d日", year, a.month, a.day, b.month, b.day);
        return;
    }
    yk_shanghai_time(end_utc_s, &b);
    same_day = a.year == b.year && a.month == b.month && a.day == b.day;
    if (same_day) {
        if (en)
            snprintf(buf, n, "%s %d %s%s %02d:%02d–%02d:%02d", en_week[a.weekday], a.day,
                     en_month[a.month - 1], year, a.hour, a.minute, b.hour, b.minute);
        else
            snprintf(buf, n, "%s%d月%d日 %s %02d:%02d–%02d:%02d", year, a.month, a.day,
                     zh_week[a.weekday], a.hour, a.minute, b.hour, b.minute);
    } else if (en) {
        snprintf(buf, n, "%d %s%s %02d:%02d – %d %s %02d:%02d", a.day, en_month[a.month - 1], year,
                 a.hour, a.minute, b.day, en_month[b.month - 1], b.hour, b.minute);
    } else {
        snprintf(buf, n, "%s%d月%d日 %02d:%02d – %d月%d日 %02d:%02d", year, a.month, a.day, a.hour,
                 a.minute, b.month, b.day, b.hour, b.minute);
    }
}
