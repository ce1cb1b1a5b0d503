#ifndef YK_SHTIME_H
#define YK_SHTIME_H

#include <stddef.h>
#include <stdint.h>

/* Shanghai local time. China keeps UTC+8 all year (no daylight saving), so the kiosk
 * converts with a fixed offset and needs no time-zone database on the terminal. */

#define YK_SHANGHAI_OFFSET_S (8 * 3600)

struct yk_localtime {
    int year, month, day; /* month 1..12, day 1..31 */
    int hour, minute, second;
    int weekday;       /* 0 = Sunday .. 6 = Saturday */
    int minute_of_day; /* hour * 60 + minute */
};

/* Breaks UTC seconds into Shanghai local time. */
void yk_shanghai_time(int64_t utc_s, struct yk_localtime *out);

/* UTC seconds of a Shanghai local date and time. Fields are not range-checked. */
int64_t yk_shanghai_to_utc(int year, int month, int day, int hour, int minute, int second);

/* Days since 1970-01-01 of a proleptic Gregorian date (any year). */
int64_t yk_days_from_civil(int year, int month, int day);

/* Days in a month (1..12) of a proleptic Gregorian year. */
int yk_days_in_month(int year, int month);

enum yk_datetime_rc {
    YK_DATETIME_OK,
    YK_DATETIME_FORM,   /* not one of the forms below */
    YK_DATETIME_OFFSET, /* a UTC offset that is not +HH:MM / -HH:MM within +-14:59 */
    YK_DATETIME_RANGE,  /* a date or time that does not exist, or a year before 2000 */
};

/* Reads a date and time as a person writes one (the kiosk's --now): "YYYY-MM-DDTHH:MM[:SS]"
 * or with a space for the T, followed by "Z", "+HH:MM" / "-HH:MM", or nothing meaning
 * Shanghai time. Years 2000..9999; 2026-02-30 and 24:00 are refused. Sets *utc (UTC
 * seconds) only on YK_DATETIME_OK. */
enum yk_datetime_rc yk_parse_datetime(const char *text, int64_t *utc);

/* Formats a Shanghai date for people: zh "2026年12月5日 星期六", en "Sat 5 Dec 2026".
 * lang is "zh" or "en". Writes a NUL-terminated string into buf (size n). */
void yk_format_date(char *buf, size_t n, int64_t utc_s, const char *lang);

/* Formats "HH:MM" (24-hour, Shanghai time). */
void yk_format_hhmm(char *buf, size_t n, int64_t utc_s);

/* Formats a span like zh "12月5日 09:30–11:30" / en "5 Dec 09:30–11:30" (the end date is
 * shown only when it differs). */
void yk_format_span(char *buf, size_t n, int64_t start_utc_s, int64_t end_utc_s, const char *lang);

/* Formats a Shanghai day for people, seen at now_utc_s: zh "12月5日 星期六", en "Sat 5 Dec",
 * with the year where it is not now's year ("2027年10月1日 星期五", "Fri 1 Oct 2027"). */
void yk_format_day(char *buf, size_t n, int64_t utc_s, int64_t now_utc_s, const char *lang);

/* A calendar leaf's parts of a Shanghai day, seen at now_utc_s: its month (zh "12月", en
 * "Dec", with the year where it is not now's year: "2027年10月", "Oct 2027") into month
 * (size n) and its weekday's name (zh "星期六", en "Sat"; static). Returns the day of the
 * month. */
int yk_format_leaf(char *month, size_t n, const char **weekday, int64_t utc_s, int64_t now_utc_s,
                   const char *lang);

/* Formats when something happens, for people, seen at now_utc_s: a span as yk_format_span
 * does, with the year where it is not now's year (zh "2027年10月1日 星期五 09:30–11:30", en
 * "Fri 1 Oct 2027 09:30–11:30"); whole days as "12月5日 全天" / "Sat 5 Dec, all day" or
 * "12月5日–12月7日" / "5–7 Dec"; a whole calendar month as "3月全月" / "March (all month)";
 * a moment (start == end, e.g. a deadline) as yk_format_day's day and "HH:MM". */
void yk_format_when(char *buf, size_t n, int64_t start_utc_s, int64_t end_utc_s, int64_t now_utc_s,
                    const char *lang);

#endif
