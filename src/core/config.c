/* Settings: built-in defaults < config file < command line (see config.h and README.md).
 *
 * The file is edited by technicians on the boot partition with whatever editor is at hand,
 * so every mistake is reported with FILE:LINE, the key and what is allowed, and nothing is
 * ever silently ignored, truncated or guessed: a kiosk that starts with a setting the
 * technician did not mean is worse than one that refuses to start and says why. */
#include "core/config.h"

#include "core/base32.h"
#include "core/log.h"
#include "core/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LINE_MAX_BYTES 4096
/* A config file is a few hundred bytes; a bigger one is the wrong file. */
#define FILE_MAX_BYTES (1024 * 1024)
/* Shanghai has been UTC+8 without daylight saving since 1991. */
#define SHANGHAI_OFFSET_S (8 * 3600)
/* Calibration coefficients work in 0..1 units; anything larger is pixels by mistake. */
#define CAL_MAX_ABS 10.0

static const char *const system_config_paths[] = {"/etc/yikong/kiosk.conf",
                                                  "/boot/firmware/yikong.conf"};

/* ---- small helpers ------------------------------------------------------------------ */

static bool fail(char *err, size_t errn, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(char *err, size_t errn, const char *fmt, ...)
{
    if (err && errn) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errn, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* Copies s into a buffer of size n; false (dst untouched) when it does not fit. */
static bool copy_str(char *dst, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (len >= n)
        return false;
    memcpy(dst, s, len + 1);
    return true;
}

/* True for C0 controls, DEL and the C1 controls U+0080..U+009F (at s, len bytes). */
static bool is_control(const unsigned char *s, size_t len)
{
    if (len == 1)
        return s[0] < 0x20 || s[0] == 0x7F;
    return len == 2 && s[0] == 0xC2 && s[1] < 0xA0;
}

/* Checks a value for invalid UTF-8 and control characters; writes why to msg. */
static bool check_text(const char *v, char *msg, size_t msgn)
{
    const unsigned char *s = (const unsigned char *)v;
    size_t n = strlen(v);
    for (size_t i = 0; i < n;) {
        size_t len = yk_utf8_seq(v + i, n - i);
        if (len == 0)
            return fail(msg, msgn,
                        "the value is not valid UTF-8 at byte %zu (save the file "
                        "as UTF-8, not GBK or Latin-1)",
                        i + 1);
        if (is_control(s + i, len))
            return fail(msg, msgn, "the value contains a control character (byte %zu)", i + 1);
        i += len;
    }
    return true;
}

/* Copies s into out (size n) for a message: control bytes and invalid UTF-8 as \xNN, cut
 * with "..." so one bad line cannot flood the journal. */
static const char *shown(const char *s, char *out, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), o = 0;
    const size_t limit = n > 80 ? 80 : n;
    for (size_t i = 0; i < len;) {
        size_t sl = yk_utf8_seq(s + i, len - i);
        size_t need = (sl == 0 || is_control(p + i, sl)) ? 4 : sl;
        if (o + need + 4 > limit) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (need == 4 && (sl == 0 || is_control(p + i, sl))) {
            snprintf(out + o, 5, "\\x%02x", p[i]);
            o += 4;
            i += 1;
        } else {
            memcpy(out + o, p + i, sl);
            o += sl;
            i += sl;
        }
    }
    out[o] = '\0';
    return out;
}

enum num_result { NUM_OK, NUM_BAD, NUM_RANGE };

/* Strict decimal integer: optional '-', digits only, whole string, no overflow. */
static enum num_result parse_long(const char *s, long *out)
{
    const char *p = s[0] == '-' ? s + 1 : s;
    if (!isdigit((unsigned char)*p))
        return NUM_BAD;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q))
            return NUM_BAD;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE)
        return NUM_RANGE;
    if (*end)
        return NUM_BAD;
    *out = v;
    return NUM_OK;
}

/* Levenshtein distance, case-insensitive and treating '-' as '_', for "did you mean". */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[65];
    if (la > 64 || lb > 64)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            ca = ca == '-' ? '_' : ca;
            cb = cb == '-' ? '_' : cb;
            size_t best = diag + (ca != cb);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = row[j];
            row[j] = best;
        }
    }
    return row[lb];
}

/* ---- the keys ----------------------------------------------------------------------- */

struct key;
typedef bool (*setter)(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                       char *msg, size_t msgn);

struct key {
    const char *name;    /* file key; the option is --name with '_' or '-' */
    const char *allowed; /* what the value may be, for messages and --help */
    setter set;
    size_t off;   /* offsetof the field */
    size_t size;  /* for strings: the buffer size */
    int lo, hi;   /* for integers */
    bool zero_ok; /* for integers: 0 is allowed besides lo..hi */
};

#define FIELD(f) offsetof(struct yk_config, f), sizeof(((struct yk_config *)0)->f)

static int *int_field(const struct key *k, struct yk_config *cfg)
{
    return (int *)(void *)((char *)cfg + k->off);
}

static char *str_field(const struct key *k, struct yk_config *cfg)
{
    return (char *)cfg + k->off;
}

static bool set_int(const struct key *k, struct yk_config *cfg, const char *v, bool cli, char *msg,
                    size_t msgn)
{
    long n = 0;
    char buf[96];
    switch (parse_long(v, &n)) {
    case NUM_BAD:
        return fail(msg, msgn, "'%s' is not a whole number (allowed: %s)",
                    shown(v, buf, sizeof buf), k->allowed);
    case NUM_RANGE:
        return fail(msg, msgn, "%s is out of range (allowed: %s)", shown(v, buf, sizeof buf),
                    k->allowed);
    case NUM_OK:
        break;
    }
    if (!(k->zero_ok && n == 0) && (n < k->lo || n > k->hi))
        return fail(msg, msgn, "%ld is out of range (allowed: %s)", n, k->allowed);
    *int_field(k, cfg) = (int)n;
    return true;
}

static bool set_rotation(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                         char *msg, size_t msgn)
{
    long n = -1;
    char buf[96];
    if (parse_long(v, &n) != NUM_OK || (n != 0 && n != 90 && n != 180 && n != 270))
        return fail(msg, msgn, "'%s' is not allowed (allowed: %s)", shown(v, buf, sizeof buf),
                    k->allowed);
    cfg->rotation = (int)n;
    return true;
}

static bool station_id_ok(const char *v)
{
    size_t n = strlen(v);
    if (n < 1 || n > 63)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '-'))
            return false;
    return true;
}

static bool set_station_id(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                           char *msg, size_t msgn)
{
    char buf[96];
    if (!station_id_ok(v))
        return fail(msg, msgn, "'%s' is not allowed (allowed: %s)", shown(v, buf, sizeof buf),
                    k->allowed);
    return copy_str(cfg->station_id, sizeof cfg->station_id, v);
}

static bool name_ok(const char *v, size_t size, char *msg, size_t msgn, const struct key *k)
{
    size_t n = strlen(v);
    if (n >= size)
        return fail(msg, msgn, "the value is %zu bytes long (allowed: %s)", n, k->allowed);
    if (strspn(v, " ") == n)
        return fail(msg, msgn, "the value is empty (allowed: %s)", k->allowed);
    return true;
}

static bool set_name(const struct key *k, struct yk_config *cfg, const char *v, bool cli, char *msg,
                     size_t msgn)
{
    if (!name_ok(v, k->size, msg, msgn, k))
        return false;
    return copy_str(str_field(k, cfg), k->size, v);
}

static bool hub_url_ok(const char *v, char *msg, size_t msgn, const struct key *k)
{
    char buf[96];
    size_t n = strlen(v);
    if (n == 0)
        return true;
    if (n >= sizeof((struct yk_config *)0)->hub_url)
        return fail(msg, msgn, "the URL is %zu bytes long (allowed: %s)", n, k->allowed);
    const char *rest = strncmp(v, "http://", 7) == 0    ? v + 7
                       : strncmp(v, "https://", 8) == 0 ? v + 8
                                                        : NULL;
    if (!rest)
        return fail(msg, msgn, "'%s' does not start with http:// or https:// (allowed: %s)",
                    shown(v, buf, sizeof buf), k->allowed);
    if (rest[0] == '\0' || rest[0] == '/')
        return fail(msg, msgn, "'%s' has no host name (allowed: %s)", shown(v, buf, sizeof buf),
                    k->allowed);
    if (strchr(v, ' '))
        return fail(msg, msgn, "'%s' contains a space (write it as %%20; allowed: %s)",
                    shown(v, buf, sizeof buf), k->allowed);
    return true;
}

static bool set_hub_url(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                        char *msg, size_t msgn)
{
    if (!hub_url_ok(v, msg, msgn, k))
        return false;
    return copy_str(cfg->hub_url, sizeof cfg->hub_url, v);
}

/* The setup code is a secret: messages say what is wrong, never echo the value. Crockford
 * base32 as people type it (base32.h); the hub decides whether the code is one it made. */
static bool set_setup_code(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                           char *msg, size_t msgn)
{
    size_t n = strlen(v);
    if (n >= sizeof cfg->setup_code)
        return fail(msg, msgn, "the value is %zu bytes long (allowed: %s)", n, k->allowed);
    long chars = yk_base32_symbols(v);
    if (chars < 0)
        return fail(msg, msgn, "the value holds a character that is not one of the code's "
                               "letters and digits (no U), '-' or space (allowed: %s)", k->allowed);
    if (chars != 0 && chars != 16)
        return fail(msg, msgn, "the code has %ld letters and digits, not 16 (allowed: %s)", chars,
                    k->allowed);
    return copy_str(cfg->setup_code, sizeof cfg->setup_code, v);
}

/* On the command line a relative data_dir is taken from the current directory (what a
 * developer means by --data-dir tmp); in the file it is an error because the service's
 * current directory is not something a technician can see. */
static bool set_data_dir(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                         char *msg, size_t msgn)
{
    char path[sizeof cfg->data_dir];
    char buf[96];
    if (v[0] == '\0')
        return fail(msg, msgn, "the value is empty (allowed: %s)", k->allowed);
    if (v[0] == '/') {
        if (!copy_str(path, sizeof path, v))
            return fail(msg, msgn, "the path is %zu bytes long (allowed: %s)", strlen(v),
                        k->allowed);
    } else if (!cli) {
        return fail(msg, msgn, "'%s' is not an absolute path (allowed: %s)",
                    shown(v, buf, sizeof buf), k->allowed);
    } else {
        char cwd[sizeof path];
        if (!getcwd(cwd, sizeof cwd))
            return fail(msg, msgn, "cannot make '%s' absolute: %s", shown(v, buf, sizeof buf),
                        strerror(errno));
        while (v[0] == '.' && v[1] == '/')
            v += 2;
        int w = strcmp(v, ".") == 0 || v[0] == '\0'
                    ? snprintf(path, sizeof path, "%s", cwd)
                    : snprintf(path, sizeof path, "%s%s%s", cwd,
                               cwd[strlen(cwd) - 1] == '/' ? "" : "/", v);
        if (w < 0 || (size_t)w >= sizeof path)
            return fail(msg, msgn, "the absolute path is %d bytes long (allowed: %s)", w,
                        k->allowed);
    }
    /* A trailing slash would make every derived path differ from the one logged. */
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        path[--n] = '\0';
    return copy_str(cfg->data_dir, sizeof cfg->data_dir, path);
}

static bool set_language(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                         char *msg, size_t msgn)
{
    char buf[96];
    if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
        return fail(msg, msgn, "'%s' is not allowed (allowed: %s)", shown(v, buf, sizeof buf),
                    k->allowed);
    return copy_str(cfg->lang, sizeof cfg->lang, v);
}

static const char *const night_mode_names[] = {"off", "dim", "blank"};

static bool set_night_mode(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                           char *msg, size_t msgn)
{
    char buf[96];
    for (int i = 0; i < 3; i++) {
        if (strcmp(v, night_mode_names[i]) == 0) {
            cfg->night_mode = (enum yk_night_mode)i;
            return true;
        }
    }
    return fail(msg, msgn, "'%s' is not allowed (allowed: %s)", shown(v, buf, sizeof buf),
                k->allowed);
}

/* "H:MM" or "HH:MM", 00:00..23:59, to minutes of the day; -1 if malformed. */
static int parse_hhmm(const char *v)
{
    size_t n = strlen(v);
    if (n != 4 && n != 5)
        return -1;
    const char *m = v + n - 3;
    if (m[0] != ':' || !isdigit((unsigned char)m[1]) || !isdigit((unsigned char)m[2]))
        return -1;
    for (const char *p = v; p < m; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    int h = n == 5 ? (v[0] - '0') * 10 + (v[1] - '0') : v[0] - '0';
    int mm = (m[1] - '0') * 10 + (m[2] - '0');
    if (h > 23 || mm > 59)
        return -1;
    return h * 60 + mm;
}

static bool set_time_of_day(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                            char *msg, size_t msgn)
{
    char buf[96];
    int min = parse_hhmm(v);
    if (min < 0)
        return fail(msg, msgn, "'%s' is not a time of day (allowed: %s)", shown(v, buf, sizeof buf),
                    k->allowed);
    *int_field(k, cfg) = min;
    return true;
}

static bool cal_ok(const struct yk_touch_cal *c, char *msg, size_t msgn)
{
    const double v[6] = {c->a, c->b, c->c, c->d, c->e, c->f};
    for (int i = 0; i < 6; i++) {
        if (!isfinite(v[i]) || fabs(v[i]) > CAL_MAX_ABS)
            return fail(msg, msgn,
                        "number %d is out of range (each must be between %g and %g: "
                        "the map works in 0..1 units, not pixels)",
                        i + 1, -CAL_MAX_ABS, CAL_MAX_ABS);
    }
    double det = c->a * c->e - c->b * c->d;
    if (fabs(det) < 1e-6)
        return fail(msg, msgn,
                    "the matrix is degenerate (a*e - b*d = %g): touches could not be "
                    "told apart; the identity is 1,0,0,0,1,0",
                    det);
    return true;
}

static bool set_calibration(const struct key *k, struct yk_config *cfg, const char *v, bool cli,
                            char *msg, size_t msgn)
{
    double num[6];
    const char *p = v;
    char buf[96];
    for (int i = 0; i < 6; i++) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if ((end != NULL) != (i < 5))
            return fail(msg, msgn, "'%s' is not six comma-separated numbers (allowed: %s)",
                        shown(v, buf, sizeof buf), k->allowed);
        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        /* Only plain decimal notation: strtod would also take "nan", "inf" and hex. */
        char field[64];
        if (len == 0 || len >= sizeof field || strspn(p, "0123456789+-.eE") < len)
            return fail(msg, msgn, "number %d of '%s' is not a decimal number (allowed: %s)", i + 1,
                        shown(v, buf, sizeof buf), k->allowed);
        memcpy(field, p, len);
        field[len] = '\0';
        char *fend;
        num[i] = strtod(field, &fend);
        if (*fend || fend == field)
            return fail(msg, msgn, "number %d of '%s' is not a decimal number (allowed: %s)", i + 1,
                        shown(v, buf, sizeof buf), k->allowed);
        p = end ? end + 1 : p + len;
    }
    struct yk_touch_cal c = {num[0], num[1], num[2], num[3], num[4], num[5]};
    char why[256];
    if (!cal_ok(&c, why, sizeof why))
        return fail(msg, msgn, "%s (allowed: %s)", why, k->allowed);
    cfg->touch_cal = c;
    return true;
}

/* Every config file key, in the order of README.md, --help and yk_config_write(). */
static const struct key keys[] = {
    {"station_id", "1 to 63 of a-z, 0-9 and '-'", set_station_id, FIELD(station_id), 0, 0, false},
    {"station_name", "UTF-8 text, 1..127 bytes", set_name, FIELD(station_name), 0, 0, false},
    {"station_name_en", "UTF-8 text, 1..127 bytes", set_name, FIELD(station_name_en), 0, 0, false},
    {"hub_url", "empty (no hub) or http://... or https://..., under 512 bytes", set_hub_url,
     FIELD(hub_url), 0, 0, false},
    {"data_dir", "an absolute path under 512 bytes", set_data_dir, FIELD(data_dir), 0, 0, false},
    {"language", "zh or en", set_language, FIELD(lang), 0, 0, false},
    {"rotation", "0, 90, 180 or 270", set_rotation, FIELD(rotation), 0, 0, false},
    {"touch_calibration", "six numbers a,b,c,d,e,f with a*e - b*d not 0", set_calibration,
     FIELD(touch_cal), 0, 0, false},
    {"dpi", "0 (automatic) or 50..600", set_int, FIELD(dpi), 50, 600, true},
    {"idle_timeout", "15..3600 seconds", set_int, FIELD(idle_timeout_s), 15, 3600, false},
    {"idle_warning", "3..60 seconds, less than idle_timeout", set_int, FIELD(idle_warning_s), 3, 60,
     false},
    {"attract_after", "0 (never) or idle_timeout..86400 seconds", set_int, FIELD(attract_after_s),
     1, 86400, true},
    {"night_mode", "off, dim or blank", set_night_mode, FIELD(night_mode), 0, 0, false},
    {"night_start", "HH:MM, 00:00..23:59, Shanghai time", set_time_of_day, FIELD(night_start_min),
     0, 0, false},
    {"night_end", "HH:MM, 00:00..23:59, Shanghai time", set_time_of_day, FIELD(night_end_min), 0, 0,
     false},
    {"volunteer_lock", "30..3600 seconds", set_int, FIELD(volunteer_lock_s), 30, 3600, false},
    {"retention_days", "1..3650 days", set_int, FIELD(retention_days), 1, 3650, false},
    {"setup_code", "empty or the hub's 16-character setup code (kiosk-add); never shown",
     set_setup_code, FIELD(setup_code), 0, 0, false},
    {"sync_interval", "10..3600 seconds", set_int, FIELD(sync_interval_s), 10, 3600, false},
    {"heartbeat_interval", "30..86400 seconds", set_int, FIELD(heartbeat_interval_s), 30, 86400,
     false},
    {"seat_block", "0 (never ask) or 1..50 seats", set_int, FIELD(seat_block), 0, 50, false},
};
#define NKEYS (sizeof keys / sizeof keys[0])

static const struct key *find_key(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++)
        if (strcmp(keys[i].name, name) == 0)
            return &keys[i];
    return NULL;
}

/* Options that exist only on the command line. */
enum opt_id {
    OPT_KEY, /* a config file key */
    OPT_CONFIG,
    OPT_WINDOW,
    OPT_HEADLESS,
    OPT_SIZE,
    OPT_SCRIPT,
    OPT_NOW,
    OPT_BENCH,
    OPT_BENCH_IDLE,
    OPT_CHECK_CONFIG,
    OPT_LANG,
    OPT_HELP,
    OPT_VERSION,
};

struct cli_opt {
    const char *name; /* with '_' */
    enum opt_id id;
    bool has_value;
};

static const struct cli_opt cli_opts[] = {
    {"config", OPT_CONFIG, true},
    {"window", OPT_WINDOW, true},
    {"headless", OPT_HEADLESS, false},
    {"size", OPT_SIZE, true},
    {"script", OPT_SCRIPT, true},
    {"now", OPT_NOW, true},
    {"bench", OPT_BENCH, false},
    {"bench_idle", OPT_BENCH_IDLE, true},
    {"check_config", OPT_CHECK_CONFIG, false},
    {"lang", OPT_LANG, true},
    {"help", OPT_HELP, false},
    {"version", OPT_VERSION, false},
};
#define NOPTS (sizeof cli_opts / sizeof cli_opts[0])

/* The closest known name to an unknown one, or NULL when nothing is close. */
static const char *suggest(const char *name, bool with_cli_opts)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < NKEYS; i++) {
        size_t d = edit_distance(name, keys[i].name);
        if (d < best_d)
            best_d = d, best = keys[i].name;
    }
    for (size_t i = 0; with_cli_opts && i < NOPTS; i++) {
        size_t d = edit_distance(name, cli_opts[i].name);
        if (d < best_d)
            best_d = d, best = cli_opts[i].name;
    }
    size_t limit = strlen(name) / 3 > 2 ? strlen(name) / 3 : 2;
    return best_d <= limit ? best : NULL;
}

/* "idle_timeout" -> "idle-timeout", the spelling --help uses. */
static const char *dashed(const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s", name);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = '-';
    return buf;
}

/* ---- defaults ----------------------------------------------------------------------- */

void yk_config_defaults(struct yk_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    copy_str(cfg->station_id, sizeof cfg->station_id, "demo-station");
    copy_str(cfg->station_name, sizeof cfg->station_name, "益空间党群服务站");
    copy_str(cfg->station_name_en, sizeof cfg->station_name_en, "Yikong Service Station");
    cfg->rotation = 0;
    cfg->touch_cal = (struct yk_touch_cal){1, 0, 0, 0, 1, 0};
    cfg->dpi = 0;
    cfg->fullscreen = true;
    copy_str(cfg->lang, sizeof cfg->lang, "zh");
    cfg->idle_timeout_s = 90;
    cfg->idle_warning_s = 10;
    cfg->attract_after_s = 300;
    cfg->night_mode = YK_NIGHT_DIM;
    cfg->night_start_min = 22 * 60;
    cfg->night_end_min = 6 * 60;
    cfg->volunteer_lock_s = 120;
    cfg->retention_days = 30;
    cfg->setup_code[0] = '\0';
    cfg->sync_interval_s = 60;
    cfg->heartbeat_interval_s = 300;
    cfg->seat_block = 4;
    cfg->bench_idle_s = 30;
}

static bool writable_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && access(path, W_OK | X_OK) == 0;
}

bool yk_config_default_data_dir(char *buf, size_t n, bool fullscreen)
{
    const char *base = NULL, *suffix = NULL;
    if (fullscreen && writable_dir("/var/lib/yikong")) {
        base = "/var/lib/yikong";
        suffix = "";
    } else if (getenv("XDG_DATA_HOME") && getenv("XDG_DATA_HOME")[0] == '/') {
        /* The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored. */
        base = getenv("XDG_DATA_HOME");
        suffix = "/yikong";
    } else if (getenv("HOME") && getenv("HOME")[0] == '/') {
        base = getenv("HOME");
        suffix = "/.local/share/yikong";
    } else {
        struct passwd *pw = getpwuid(getuid());
        if (pw && pw->pw_dir && pw->pw_dir[0] == '/') {
            base = pw->pw_dir;
            suffix = "/.local/share/yikong";
        }
    }
    if (!base || n == 0) {
        if (n)
            buf[0] = '\0';
        return false;
    }
    size_t bl = strlen(base);
    while (bl > 1 && base[bl - 1] == '/')
        bl--;
    int w = snprintf(buf, n, "%.*s%s", (int)bl, base, suffix);
    if (w < 0 || (size_t)w >= n) {
        buf[0] = '\0';
        return false;
    }
    return true;
}

/* ---- the config file ---------------------------------------------------------------- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Splits one line (NUL-terminated, no line ending) into key and value; both point into
 * line or val. Returns false with msg set for a malformed line; *key NULL for a blank or
 * comment line. */
static bool split_line(char *line, char **key, char *val, size_t valn, char *msg, size_t msgn)
{
    char buf[96];
    char *p = line;
    *key = NULL;
    while (is_blank(*p))
        p++;
    if (*p == '\0' || *p == '#')
        return true;
    char *eq = strchr(p, '=');
    if (!eq)
        return fail(msg, msgn, "expected 'key = value', got '%s'", shown(p, buf, sizeof buf));
    char *kend = eq;
    while (kend > p && is_blank(kend[-1]))
        kend--;
    if (kend == p)
        return fail(msg, msgn, "missing key before '='");
    *kend = '\0';
    *key = p;
    char kb[96];
    const char *ks = shown(p, kb, sizeof kb); /* the key as messages show it */

    char *v = eq + 1;
    while (is_blank(*v))
        v++;
    size_t o = 0;
    if (*v == '"') {
        /* Quotes keep leading/trailing spaces and " #"; \" and \\ are the only escapes. */
        for (v++;; v++) {
            if (*v == '\0')
                return fail(msg, msgn, "missing closing '\"' in the value of '%s'", ks);
            if (*v == '"')
                break;
            if (*v == '\\') {
                v++;
                if (*v != '"' && *v != '\\')
                    return fail(msg, msgn,
                                "unknown escape '\\%c' in the value of '%s' (only \\\" "
                                "and \\\\ are allowed)",
                                isgraph((unsigned char)*v) ? *v : '?', ks);
            }
            if (o + 1 >= valn)
                return fail(msg, msgn, "the value of '%s' is too long", ks);
            val[o++] = *v;
        }
        v++;
        while (is_blank(*v))
            v++;
        if (*v != '\0' && *v != '#')
            return fail(msg, msgn, "unexpected text after the closing '\"' of '%s': '%s'", ks,
                        shown(v, buf, sizeof buf));
    } else {
        /* A '#' starts a comment only after whitespace: "http://hub/#x" stays whole. */
        char *end = v;
        for (char *q = v; *q; q++) {
            if (*q == '#' && is_blank(q[-1]))
                break;
            end = q + 1;
        }
        while (end > v && is_blank(end[-1]))
            end--;
        size_t len = (size_t)(end - v);
        if (len >= valn)
            return fail(msg, msgn, "the value of '%s' is too long", ks);
        memcpy(val, v, len);
        o = len;
    }
    val[o] = '\0';
    return true;
}

bool yk_config_parse_text(struct yk_config *cfg, const char *text, size_t len, const char *name,
                          char *err, size_t errn)
{
    struct yk_config tmp = *cfg;
    char line[LINE_MAX_BYTES + 1];
    char val[LINE_MAX_BYTES + 1];
    char msg[768];
    char buf[96];
    size_t pos = 0;
    int lineno = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* Windows Notepad writes a BOM. */
    while (pos < len) {
        lineno++;
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl != NULL);
        if (n > 0 && start[n - 1] == '\r')
            n--; /* CRLF from Windows editors */
        const char *nul = memchr(start, '\0', n);
        if (nul)
            return fail(err, errn,
                        "%s:%d: the line contains a NUL byte (at byte %zu): is this "
                        "a text file?",
                        name, lineno, (size_t)(nul - start) + 1);
        if (n > LINE_MAX_BYTES)
            return fail(err, errn, "%s:%d: the line is %zu bytes long (at most %d)", name, lineno,
                        n, LINE_MAX_BYTES);
        memcpy(line, start, n);
        line[n] = '\0';

        char *key;
        if (!split_line(line, &key, val, sizeof val, msg, sizeof msg))
            return fail(err, errn, "%s:%d: %s", name, lineno, msg);
        if (!key)
            continue;
        const struct key *k = find_key(key);
        if (!k) {
            for (size_t i = 0; i < NOPTS; i++) {
                if (edit_distance(key, cli_opts[i].name) == 0) {
                    char d[32];
                    return fail(err, errn,
                                "%s:%d: '%s' is a command-line option (--%s), not a "
                                "config file key",
                                name, lineno, key, dashed(cli_opts[i].name, d, sizeof d));
                }
            }
            const char *s = suggest(key, false);
            if (s)
                return fail(err, errn, "%s:%d: unknown key '%s' (did you mean '%s'?)", name, lineno,
                            shown(key, buf, sizeof buf), s);
            return fail(err, errn,
                        "%s:%d: unknown key '%s' (see the list of keys in "
                        "yikong.conf.example)",
                        name, lineno, shown(key, buf, sizeof buf));
        }
        if (!check_text(val, msg, sizeof msg) || !k->set(k, &tmp, val, false, msg, sizeof msg))
            return fail(err, errn, "%s:%d: %s: %s", name, lineno, k->name, msg);
    }
    *cfg = tmp;
    return true;
}

bool yk_config_load_file(struct yk_config *cfg, const char *path, bool required, char *err,
                         size_t errn)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (!required && (errno == ENOENT || errno == ENOTDIR))
            return true;
        return fail(err, errn, "cannot open config file %s: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return fail(err, errn, "config file %s is a directory", path);
    }
    char *text = malloc(FILE_MAX_BYTES + 1);
    if (!text) {
        fclose(f);
        return fail(err, errn, "cannot read config file %s: out of memory", path);
    }
    size_t len = fread(text, 1, FILE_MAX_BYTES + 1, f);
    bool read_error = ferror(f);
    int saved = errno;
    fclose(f);
    bool ok;
    if (read_error)
        ok = fail(err, errn, "cannot read config file %s: %s", path, strerror(saved));
    else if (len > FILE_MAX_BYTES)
        ok = fail(err, errn, "config file %s is larger than %d bytes: is it the right file?", path,
                  FILE_MAX_BYTES);
    else if (strlen(path) >= sizeof cfg->config_path)
        ok = fail(err, errn, "config file path is longer than %zu bytes",
                  sizeof cfg->config_path - 1);
    else
        ok = yk_config_parse_text(cfg, text, len, path, err, errn);
    free(text);
    if (ok)
        copy_str(cfg->config_path, sizeof cfg->config_path, path);
    return ok;
}

/* ---- --now ------------------------------------------------------------------------- */

/* Reads exactly n digits at *p; -1 if any is not a digit. */
static int digits(const char **p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm):
 * no timegm(), which depends on the C library and the TZ environment. */
static long long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

bool yk_config_parse_time(const char *text, long long *utc, char *err, size_t errn)
{
    static const char forms[] = "use 2026-12-01T09:00:00+08:00, 2026-12-01T01:00:00Z or "
                                "\"2026-12-01 09:00\" (Shanghai time)";
    char buf[96];
    const char *p = text;
    int y = digits(&p, 4);
    int mo = y < 0 || *p++ != '-' ? -1 : digits(&p, 2);
    int d = mo < 0 || *p++ != '-' ? -1 : digits(&p, 2);
    if (d < 0 || (*p != 'T' && *p != ' '))
        return fail(err, errn, "'%s' is not a date and time (%s)", shown(text, buf, sizeof buf),
                    forms);
    p++;
    int h = digits(&p, 2);
    int mi = h < 0 || *p++ != ':' ? -1 : digits(&p, 2);
    int s = 0;
    if (mi >= 0 && *p == ':') {
        p++;
        s = digits(&p, 2);
    }
    if (h < 0 || mi < 0 || s < 0)
        return fail(err, errn, "'%s' is not a date and time (%s)", shown(text, buf, sizeof buf),
                    forms);
    int offset = SHANGHAI_OFFSET_S;
    if (*p == 'Z') {
        offset = 0;
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1;
        int oh = digits(&p, 2);
        int om = oh < 0 || *p++ != ':' ? -1 : digits(&p, 2);
        if (om < 0 || oh > 14 || om > 59)
            return fail(err, errn, "'%s' has a bad UTC offset (write +08:00, Z, -05:00)",
                        shown(text, buf, sizeof buf));
        offset = sign * (oh * 3600 + om * 60);
    }
    if (*p != '\0')
        return fail(err, errn, "'%s' is not a date and time (%s)", shown(text, buf, sizeof buf),
                    forms);
    if (y < 2000 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
        s > 59)
        return fail(err, errn, "'%s' is not a valid date and time (years 2000..9999)",
                    shown(text, buf, sizeof buf));
    *utc = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
    return true;
}

/* ---- validation -------------------------------------------------------------------- */

bool yk_config_validate(const struct yk_config *cfg, char *err, size_t errn)
{
    char msg[512];
    char buf[96];
    /* The setters checked each value; this catches fields a caller set directly. */
    for (size_t i = 0; i < NKEYS; i++) {
        const struct key *k = &keys[i];
        if (k->set != set_int)
            continue;
        int v = *int_field(k, (struct yk_config *)cfg);
        if (!(k->zero_ok && v == 0) && (v < k->lo || v > k->hi))
            return fail(err, errn, "%s: %d is out of range (allowed: %s)", k->name, v, k->allowed);
    }
    if (cfg->rotation % 90 != 0 || cfg->rotation < 0 || cfg->rotation > 270)
        return fail(err, errn, "rotation: %d is not allowed (allowed: 0, 90, 180 or 270)",
                    cfg->rotation);
    if (!cal_ok(&cfg->touch_cal, msg, sizeof msg))
        return fail(err, errn, "touch_calibration: %s", msg);
    if (!station_id_ok(cfg->station_id))
        return fail(err, errn, "station_id: '%s' is not allowed (allowed: %s)",
                    shown(cfg->station_id, buf, sizeof buf), find_key("station_id")->allowed);
    if (!name_ok(cfg->station_name, sizeof cfg->station_name, msg, sizeof msg,
                 find_key("station_name")) ||
        !check_text(cfg->station_name, msg, sizeof msg))
        return fail(err, errn, "station_name: %s", msg);
    if (!name_ok(cfg->station_name_en, sizeof cfg->station_name_en, msg, sizeof msg,
                 find_key("station_name_en")) ||
        !check_text(cfg->station_name_en, msg, sizeof msg))
        return fail(err, errn, "station_name_en: %s", msg);
    if (!hub_url_ok(cfg->hub_url, msg, sizeof msg, find_key("hub_url")) ||
        !check_text(cfg->hub_url, msg, sizeof msg))
        return fail(err, errn, "hub_url: %s", msg);
    if (cfg->data_dir[0] != '\0' && cfg->data_dir[0] != '/')
        return fail(err, errn, "data_dir: '%s' is not an absolute path",
                    shown(cfg->data_dir, buf, sizeof buf));
    if (strcmp(cfg->lang, "zh") != 0 && strcmp(cfg->lang, "en") != 0)
        return fail(err, errn, "language: '%s' is not allowed (allowed: zh or en)",
                    shown(cfg->lang, buf, sizeof buf));
    if ((int)cfg->night_mode < 0 || (int)cfg->night_mode > 2)
        return fail(err, errn, "night_mode: %d is not allowed", (int)cfg->night_mode);
    if (cfg->night_start_min < 0 || cfg->night_start_min >= 1440 || cfg->night_end_min < 0 ||
        cfg->night_end_min >= 1440)
        return fail(err, errn, "night_start/night_end must be within 00:00..23:59");

    /* Relations between keys: report both names and values so either can be fixed. */
    if (cfg->idle_warning_s >= cfg->idle_timeout_s)
        return fail(err, errn, "idle_warning (%d) must be less than idle_timeout (%d)",
                    cfg->idle_warning_s, cfg->idle_timeout_s);
    if (cfg->attract_after_s != 0 && cfg->attract_after_s < cfg->idle_timeout_s)
        return fail(err, errn,
                    "attract_after (%d) must be 0 (never) or at least idle_timeout "
                    "(%d): set attract_after too when raising idle_timeout",
                    cfg->attract_after_s, cfg->idle_timeout_s);
    if (cfg->night_mode != YK_NIGHT_OFF && cfg->night_start_min == cfg->night_end_min)
        return fail(err, errn,
                    "night_start and night_end are both %02d:%02d: the night would "
                    "be empty (use night_mode = off to have no night)",
                    cfg->night_start_min / 60, cfg->night_start_min % 60);

    /* Command-line fields. */
    if (cfg->headless) {
        if (cfg->window_w < 200 || cfg->window_w > 8192 || cfg->window_h < 200 ||
            cfg->window_h > 8192)
            return fail(err, errn, "--headless needs --size WxH (each 200..8192)");
        if (cfg->script[0] == '\0')
            return fail(err, errn, "--headless needs --script FILE (\"-\" for stdin)");
    } else if (cfg->script[0] != '\0') {
        return fail(err, errn, "--script only works with --headless");
    }
    if (!cfg->fullscreen && !cfg->headless &&
        (cfg->window_w < 200 || cfg->window_w > 8192 || cfg->window_h < 200 ||
         cfg->window_h > 8192))
        return fail(err, errn, "--window: the size must be 200..8192 each");
    if (cfg->bench_idle_s < 0 || cfg->bench_idle_s > 3600)
        return fail(err, errn, "--bench-idle: %d is out of range (allowed: 0..3600)",
                    cfg->bench_idle_s);
    if (cfg->start_time < 0)
        return fail(err, errn, "--now: the time is before 1970");
    return true;
}

/* ---- the command line -------------------------------------------------------------- */

struct tok {
    enum opt_id id;
    const struct key *key; /* for OPT_KEY */
    const char *value;     /* NULL for flags */
    char shown[72];        /* the option as typed, for messages */
};

/* Reads the option at argv[*i] (and its value) and advances *i. */
static bool next_tok(int argc, char **argv, int *i, struct tok *t, char *err, size_t errn)
{
    char buf[96];
    const char *arg = argv[(*i)++];
    memset(t, 0, sizeof *t);
    if (strcmp(arg, "-h") == 0) {
        t->id = OPT_HELP;
        snprintf(t->shown, sizeof t->shown, "-h");
        return true;
    }
    if (arg[0] != '-')
        return fail(err, errn,
                    "unexpected argument '%s': this program takes only options "
                    "(see --help)",
                    shown(arg, buf, sizeof buf));
    if (arg[1] != '-' || arg[2] == '\0')
        return fail(err, errn, "unknown option '%s' (see --help)", shown(arg, buf, sizeof buf));
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
    char norm[64];
    if (nlen >= sizeof norm)
        return fail(err, errn, "unknown option '%s' (see --help)", shown(arg, buf, sizeof buf));
    for (size_t k = 0; k < nlen; k++)
        norm[k] = name[k] == '-' ? '_' : name[k];
    norm[nlen] = '\0';
    snprintf(t->shown, sizeof t->shown, "--%.*s", (int)nlen, name);
    char sh[96];
    shown(t->shown, sh, sizeof sh);

    bool has_value = true;
    t->key = find_key(norm);
    if (t->key) {
        t->id = OPT_KEY;
    } else {
        size_t k;
        for (k = 0; k < NOPTS && strcmp(cli_opts[k].name, norm) != 0; k++)
            ;
        if (k == NOPTS) {
            const char *s = suggest(norm, true);
            char d[32];
            if (s)
                return fail(err, errn, "unknown option '%s' (did you mean '--%s'?)", sh,
                            dashed(s, d, sizeof d));
            return fail(err, errn, "unknown option '%s' (see --help)", sh);
        }
        t->id = cli_opts[k].id;
        has_value = cli_opts[k].has_value;
    }
    if (!has_value) {
        if (eq)
            return fail(err, errn, "option %s takes no value", sh);
        return true;
    }
    if (eq) {
        t->value = eq + 1;
    } else {
        if (*i >= argc)
            return fail(err, errn, "option %s needs a value", sh);
        t->value = argv[(*i)++];
        /* "--script --headless" is a forgotten value, not a script named --headless. */
        if (t->value[0] == '-' && t->value[1] == '-' && t->value[2] != '\0')
            return fail(err, errn,
                        "option %s needs a value, got the option '%s' (write "
                        "%s=VALUE if the value really starts with --)",
                        sh, shown(t->value, buf, sizeof buf), sh);
    }
    return true;
}

/* "WxH", each 200..8192. */
static bool parse_size(const char *v, int *w, int *h)
{
    const char *x = strpbrk(v, "xX");
    if (!x || x == v || x[1] == '\0' || (size_t)(x - v) > 5)
        return false;
    char a[8];
    memcpy(a, v, (size_t)(x - v));
    a[x - v] = '\0';
    long lw, lh;
    if (parse_long(a, &lw) != NUM_OK || parse_long(x + 1, &lh) != NUM_OK)
        return false;
    if (lw < 200 || lw > 8192 || lh < 200 || lh > 8192)
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

/* Loads the config file the command line and environment ask for. */
static bool load_chosen_file(struct yk_config *cfg, const char *explicit_path, char *err,
                             size_t errn)
{
    char msg[600];
    if (explicit_path)
        return yk_config_load_file(cfg, explicit_path, true, err, errn);
    const char *env = getenv("YK_CONFIG");
    if (env && env[0]) {
        if (!check_text(env, msg, sizeof msg))
            return fail(err, errn, "YK_CONFIG: %s", msg);
        return yk_config_load_file(cfg, env, true, err, errn);
    }
    for (size_t i = 0; i < 2; i++) {
        if (access(system_config_paths[i], F_OK) != 0)
            continue;
        if (i == 0 && access(system_config_paths[1], F_OK) == 0)
            yk_warn("config", "%s is read, %s is ignored: edit the first or remove it",
                    system_config_paths[0], system_config_paths[1]);
        return yk_config_load_file(cfg, system_config_paths[i], true, err, errn);
    }
    return true;
}

bool yk_config_from_args(struct yk_config *cfg, int argc, char **argv, bool *want_help,
                         bool *want_version, char *err, size_t errn)
{
    struct tok t;
    const char *config = NULL;
    char msg[768];
    char buf[96];
    bool help = false, version = false;
    if (want_help)
        *want_help = false;
    if (want_version)
        *want_version = false;

    /* Pass 1: the shape of the command line, --config, --help and --version, so that the
     * file is read before any option overrides it wherever --config stands. */
    for (int i = 1; i < argc;) {
        if (!next_tok(argc, argv, &i, &t, err, errn))
            return false;
        if (t.id == OPT_HELP)
            help = true;
        else if (t.id == OPT_VERSION)
            version = true;
        else if (t.id == OPT_CONFIG) {
            if (config)
                return fail(err, errn, "--config is given twice");
            if (!check_text(t.value, msg, sizeof msg))
                return fail(err, errn, "option %s: %s", t.shown, msg);
            if (t.value[0] == '\0')
                return fail(err, errn, "option %s needs a file name", t.shown);
            config = t.value;
        }
    }
    if (help || version) {
        if (want_help)
            *want_help = help;
        if (want_version)
            *want_version = version;
        return true;
    }
    if (!load_chosen_file(cfg, config, err, errn))
        return false;

    /* Pass 2: every other option, in order; the last of a repeated option wins. */
    bool window = false, size = false, script = false, bench_idle = false;
    for (int i = 1; i < argc;) {
        if (!next_tok(argc, argv, &i, &t, err, errn))
            return false;
        if (t.value && !check_text(t.value, msg, sizeof msg))
            return fail(err, errn, "option %s: %s", t.shown, msg);
        switch (t.id) {
        case OPT_CONFIG:
        case OPT_HELP:
        case OPT_VERSION:
            break;
        case OPT_LANG:
        case OPT_KEY: {
            const struct key *k = t.id == OPT_LANG ? find_key("language") : t.key;
            if (!k->set(k, cfg, t.value, true, msg, sizeof msg))
                return fail(err, errn, "option %s: %s", t.shown, msg);
            break;
        }
        case OPT_WINDOW:
        case OPT_SIZE:
            if (!parse_size(t.value, &cfg->window_w, &cfg->window_h))
                return fail(err, errn,
                            "option %s: '%s' is not WxH with each 200..8192 (for "
                            "example 800x480)",
                            t.shown, shown(t.value, buf, sizeof buf));
            cfg->fullscreen = false;
            if (t.id == OPT_WINDOW)
                window = true;
            else
                size = true;
            break;
        case OPT_HEADLESS:
            cfg->headless = true;
            cfg->fullscreen = false;
            break;
        case OPT_SCRIPT:
            if (t.value[0] == '\0')
                return fail(err, errn, "option %s needs a file name (\"-\" for stdin)", t.shown);
            if (!copy_str(cfg->script, sizeof cfg->script, t.value))
                return fail(err, errn, "option %s: the path is longer than %zu bytes", t.shown,
                            sizeof cfg->script - 1);
            if (strcmp(t.value, "-") != 0 && access(t.value, R_OK) != 0)
                return fail(err, errn, "option %s: cannot read '%s': %s", t.shown,
                            shown(t.value, buf, sizeof buf), strerror(errno));
            script = true;
            break;
        case OPT_NOW:
            if (!yk_config_parse_time(t.value, &cfg->start_time, msg, sizeof msg))
                return fail(err, errn, "option %s: %s", t.shown, msg);
            break;
        case OPT_BENCH:
            cfg->bench = true;
            break;
        case OPT_BENCH_IDLE: {
            long n = 0;
            if (parse_long(t.value, &n) != NUM_OK || n < 0 || n > 3600)
                return fail(err, errn, "option %s: '%s' is not a number of seconds 0..3600",
                            t.shown, shown(t.value, buf, sizeof buf));
            cfg->bench_idle_s = (int)n;
            bench_idle = true;
            break;
        }
        case OPT_CHECK_CONFIG:
            cfg->check_config = true;
            break;
        }
    }

    if (window && cfg->headless)
        return fail(err, errn,
                    "--window and --headless cannot be combined (use --size WxH "
                    "with --headless)");
    if (size && !cfg->headless)
        return fail(err, errn,
                    "--size only works with --headless (use --window WxH for a "
                    "window)");
    if (cfg->headless && !size)
        return fail(err, errn, "--headless needs --size WxH (for example --size 800x480)");
    if (cfg->headless && !script)
        return fail(err, errn, "--headless needs --script FILE (\"-\" for stdin)");
    if (script && !cfg->headless)
        return fail(err, errn, "--script only works with --headless");
    if (bench_idle && !cfg->bench)
        return fail(err, errn, "--bench-idle only works with --bench");
    if (cfg->data_dir[0] == '\0' &&
        !yk_config_default_data_dir(cfg->data_dir, sizeof cfg->data_dir, cfg->fullscreen))
        return fail(err, errn,
                    "cannot choose a data directory ($HOME is not set or too "
                    "long): use --data-dir DIR or data_dir in the config file");
    return yk_config_validate(cfg, err, errn);
}

/* ---- output ------------------------------------------------------------------------- */

static void write_quoted(FILE *f, const char *key, const char *v)
{
    fprintf(f, "%s = \"", key);
    for (const char *p = v; *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', f);
        fputc(*p, f);
    }
    fputs("\"\n", f);
}

void yk_config_write(const struct yk_config *cfg, void *vf)
{
    FILE *f = vf;
    const struct yk_touch_cal *c = &cfg->touch_cal;
    write_quoted(f, "station_id", cfg->station_id);
    write_quoted(f, "station_name", cfg->station_name);
    write_quoted(f, "station_name_en", cfg->station_name_en);
    write_quoted(f, "hub_url", cfg->hub_url);
    if (cfg->data_dir[0])
        write_quoted(f, "data_dir", cfg->data_dir);
    else
        fputs("# data_dir: not chosen yet (the default is picked at start)\n", f);
    fprintf(f, "language = %s\n", cfg->lang);
    fprintf(f, "rotation = %d\n", cfg->rotation);
    /* %.17g: the exact double comes back when the output is parsed again. */
    fprintf(f, "touch_calibration = %.17g, %.17g, %.17g, %.17g, %.17g, %.17g\n", c->a, c->b, c->c,
            c->d, c->e, c->f);
    fprintf(f, "dpi = %d\n", cfg->dpi);
    fprintf(f, "idle_timeout = %d\n", cfg->idle_timeout_s);
    fprintf(f, "idle_warning = %d\n", cfg->idle_warning_s);
    fprintf(f, "attract_after = %d\n", cfg->attract_after_s);
    fprintf(f, "night_mode = %s\n",
            (unsigned)cfg->night_mode < 3 ? night_mode_names[cfg->night_mode] : "?");
    fprintf(f, "night_start = %02d:%02d\n", cfg->night_start_min / 60, cfg->night_start_min % 60);
    fprintf(f, "night_end = %02d:%02d\n", cfg->night_end_min / 60, cfg->night_end_min % 60);
    fprintf(f, "volunteer_lock = %d\n", cfg->volunteer_lock_s);
    fprintf(f, "retention_days = %d\n", cfg->retention_days);
    /* A secret: only whether it is set. */
    fprintf(f, "# setup_code: %s\n", cfg->setup_code[0] ? "set (not shown)" : "not set");
    fprintf(f, "sync_interval = %d\n", cfg->sync_interval_s);
    fprintf(f, "heartbeat_interval = %d\n", cfg->heartbeat_interval_s);
    fprintf(f, "seat_block = %d\n", cfg->seat_block);
}

void yk_config_print_help(void *vf)
{
    FILE *f = vf;
    fputs("Usage: yikong-kiosk [OPTION]...\n"
          "The Yikong touchscreen kiosk. Settings come from the built-in defaults, then the\n"
          "config file, then these options (each overrides the one before).\n"
          "Options take a value as '--opt VALUE' or '--opt=VALUE'; '-' and '_' are the same.\n"
          "\n"
          "General:\n"
          "  --config FILE        read FILE (must exist) instead of $YK_CONFIG, or else the\n"
          "                       first of /etc/yikong/kiosk.conf, /boot/firmware/yikong.conf\n"
          "  --check-config       check the file and the options, print the settings in\n"
          "                       effect and \"config ok\", and exit\n"
          "  --data-dir DIR       where the database and logs live (a relative DIR is taken\n"
          "                       from the current directory)\n"
          "  -h, --help           show this help and exit\n"
          "  --version            show the version and exit\n"
          "\n"
          "Config file keys (each also works as an option, e.g. --idle-timeout 60):\n",
          f);
    for (size_t i = 0; i < NKEYS; i++) {
        char d[32];
        if (strcmp(keys[i].name, "data_dir") == 0)
            continue;
        fprintf(f, "  --%-18s %s\n", dashed(keys[i].name, d, sizeof d), keys[i].allowed);
    }
    fputs("  --lang zh|en         the same as --language\n"
          "\n"
          "Development and testing:\n"
          "  --window WxH         run in a window of W x H pixels (each 200..8192)\n"
          "  --headless           run without a screen; needs --size and --script\n"
          "  --size WxH           the screen size for --headless\n"
          "  --script FILE        the input script for --headless (\"-\" = stdin)\n"
          "  --now TIME           start the clock at TIME: 2026-12-01T09:00:00+08:00,\n"
          "                       2026-12-01T01:00:00Z or \"2026-12-01 09:00\" (Shanghai)\n"
          "  --bench              print timing figures as JSON lines and exit\n"
          "  --bench-idle S       with --bench: measure S seconds of idle (0..3600, default 30)\n"
          "\n"
          "Exit status: 0 on success, 2 for a bad option or config file.\n"
          "Every key is described in yikong.conf.example and src/core/README.md.\n",
          f);
}

int yk_config_cli(struct yk_config *cfg, int argc, char **argv, const char *version)
{
    char err[1024];
    bool help = false, ver = false;
    yk_config_defaults(cfg);
    if (!yk_config_from_args(cfg, argc, argv, &help, &ver, err, sizeof err)) {
        fprintf(stderr, "yikong-kiosk: %s\nTry 'yikong-kiosk --help' for the options.\n", err);
        return 2;
    }
    if (help) {
        yk_config_print_help(stdout);
        return 0;
    }
    if (ver) {
        printf("yikong-kiosk %s\n", version ? version : "unknown");
        return 0;
    }
    if (cfg->check_config) {
        printf("# settings in effect (defaults < %s < options)\n",
               cfg->config_path[0] ? cfg->config_path : "no config file");
        yk_config_write(cfg, stdout);
        printf("config ok\n");
        return 0;
    }
    return -1;
}
