/* Settings: built-in defaults < config file < command line (see config.h and README.md).
 * This file: the key table (what each key allows and how a value is applied), the
 * defaults, the checks across keys, and the message helpers config_file.c and
 * config_cli.c share.
 *
 * The file is edited by technicians on the boot partition with whatever editor is at hand,
 * so every mistake is reported with FILE:LINE, the key and what is allowed, and nothing is
 * ever silently ignored, truncated or guessed: a kiosk that starts with a setting the
 * technician did not mean is worse than one that refuses to start and says why. */
#include "core/config_internal.h"

#include "core/base32.h"
#include "core/log.h"
#include "core/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Calibration coefficients work in 0..1 units; anything larger is pixels by mistake. */
#define CAL_MAX_ABS 10.0

/* ---- small helpers ------------------------------------------------------------------ */

bool yk_cfg_fail(char *err, size_t errn, const char *fmt, ...)
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
bool yk_cfg_copy_str(char *dst, size_t n, const char *s)
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
bool yk_cfg_check_text(const char *v, char *msg, size_t msgn)
{
    const unsigned char *s = (const unsigned char *)v;
    size_t n = strlen(v);
    for (size_t i = 0; i < n;) {
        size_t len = yk_utf8_seq(v + i, n - i);
        if (len == 0)
            return yk_cfg_fail(msg, msgn,
                               "the value is not valid UTF-8 at byte %zu (save the file "
                               "as UTF-8, not GBK or Latin-1)",
                               i + 1);
        if (is_control(s + i, len))
            return yk_cfg_fail(msg, msgn, "the value contains a control character (byte %zu)",
                               i + 1);
        i += len;
    }
    return true;
}

/* Copies s into out (size n) for a message: control bytes and invalid UTF-8 as \xNN, cut
 * with "..." so one bad line cannot flood the journal. */
const char *yk_cfg_shown(const char *s, char *out, size_t n)
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

/* Strict decimal integer: optional '-', digits only, whole string, no overflow. */
enum yk_cfg_num yk_cfg_parse_long(const char *s, long *out)
{
    const char *p = s[0] == '-' ? s + 1 : s;
    if (!isdigit((unsigned char)*p))
        return YK_CFG_NUM_BAD;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q))
            return YK_CFG_NUM_BAD;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno == ERANGE)
        return YK_CFG_NUM_RANGE;
    if (*end)
        return YK_CFG_NUM_BAD;
    *out = v;
    return YK_CFG_NUM_OK;
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

#define FIELD(f) offsetof(struct yk_config, f), sizeof(((struct yk_config *)0)->f)

static int *int_field(const struct yk_cfg_key *k, struct yk_config *cfg)
{
    return (int *)(void *)((char *)cfg + k->off);
}

static char *str_field(const struct yk_cfg_key *k, struct yk_config *cfg)
{
    return (char *)cfg + k->off;
}

static bool set_int(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v, bool cli,
                    char *msg, size_t msgn)
{
    long n = 0;
    char buf[96];
    switch (yk_cfg_parse_long(v, &n)) {
    case YK_CFG_NUM_BAD:
        return yk_cfg_fail(msg, msgn, "'%s' is not a whole number (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    case YK_CFG_NUM_RANGE:
        return yk_cfg_fail(msg, msgn, "%s is out of range (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    case YK_CFG_NUM_OK:
        break;
    }
    if (!(k->zero_ok && n == 0) && (n < k->lo || n > k->hi))
        return yk_cfg_fail(msg, msgn, "%ld is out of range (allowed: %s)", n, k->allowed);
    *int_field(k, cfg) = (int)n;
    return true;
}

static bool set_rotation(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v, bool cli,
                         char *msg, size_t msgn)
{
    long n = -1;
    char buf[96];
    if (yk_cfg_parse_long(v, &n) != YK_CFG_NUM_OK || (n != 0 && n != 90 && n != 180 && n != 270))
        return yk_cfg_fail(msg, msgn, "'%s' is not allowed (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
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

static bool set_station_id(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v,
                           bool cli, char *msg, size_t msgn)
{
    char buf[96];
    if (!station_id_ok(v))
        return yk_cfg_fail(msg, msgn, "'%s' is not allowed (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    return yk_cfg_copy_str(cfg->station_id, sizeof cfg->station_id, v);
}

static bool name_ok(const char *v, size_t size, char *msg, size_t msgn, const struct yk_cfg_key *k)
{
    size_t n = strlen(v);
    if (n >= size)
        return yk_cfg_fail(msg, msgn, "the value is %zu bytes long (allowed: %s)", n, k->allowed);
    if (strspn(v, " ") == n)
        return yk_cfg_fail(msg, msgn, "the value is empty (allowed: %s)", k->allowed);
    return true;
}

static bool set_name(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v, bool cli,
                     char *msg, size_t msgn)
{
    if (!name_ok(v, k->size, msg, msgn, k))
        return false;
    return yk_cfg_copy_str(str_field(k, cfg), k->size, v);
}

static bool hub_url_ok(const char *v, char *msg, size_t msgn, const struct yk_cfg_key *k)
{
    char buf[96];
    size_t n = strlen(v);
    if (n == 0)
        return true;
    if (n >= sizeof((struct yk_config *)0)->hub_url)
        return yk_cfg_fail(msg, msgn, "the URL is %zu bytes long (allowed: %s)", n, k->allowed);
    const char *rest = strncmp(v, "http://", 7) == 0    ? v + 7
                       : strncmp(v, "https://", 8) == 0 ? v + 8
                                                        : NULL;
    if (!rest)
        return yk_cfg_fail(msg, msgn, "'%s' does not start with http:// or https:// (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    if (rest[0] == '\0' || rest[0] == '/')
        return yk_cfg_fail(msg, msgn, "'%s' has no host name (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    if (strchr(v, ' '))
        return yk_cfg_fail(msg, msgn, "'%s' contains a space (write it as %%20; allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    return true;
}

static bool set_hub_url(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v, bool cli,
                        char *msg, size_t msgn)
{
    if (!hub_url_ok(v, msg, msgn, k))
        return false;
    return yk_cfg_copy_str(cfg->hub_url, sizeof cfg->hub_url, v);
}

/* The setup code is a secret: messages say what is wrong, never echo the value. Crockford
 * base32 as people type it (base32.h); the hub decides whether the code is one it made. */
static bool set_setup_code(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v,
                           bool cli, char *msg, size_t msgn)
{
    size_t n = strlen(v);
    if (n >= sizeof cfg->setup_code)
        return yk_cfg_fail(msg, msgn, "the value is %zu bytes long (allowed: %s)", n, k->allowed);
    long chars = yk_base32_symbols(v);
    if (chars < 0)
        return yk_cfg_fail(msg, msgn,
                           "the value holds a character that is not one of the code's "
                           "letters and digits (no U), '-' or space (allowed: %s)",
                           k->allowed);
    if (chars != 0 && chars != 16)
        return yk_cfg_fail(msg, msgn, "the code has %ld letters and digits, not 16 (allowed: %s)",
                           chars, k->allowed);
    return yk_cfg_copy_str(cfg->setup_code, sizeof cfg->setup_code, v);
}

/* On the command line a relative data_dir is taken from the current directory (what a
 * developer means by --data-dir tmp); in the file it is an error because the service's
 * current directory is not something a technician can see. */
static bool set_data_dir(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v, bool cli,
                         char *msg, size_t msgn)
{
    char path[sizeof cfg->data_dir];
    char buf[96];
    if (v[0] == '\0')
        return yk_cfg_fail(msg, msgn, "the value is empty (allowed: %s)", k->allowed);
    if (v[0] == '/') {
        if (!yk_cfg_copy_str(path, sizeof path, v))
            return yk_cfg_fail(msg, msgn, "the path is %zu bytes long (allowed: %s)", strlen(v),
                               k->allowed);
    } else if (!cli) {
        return yk_cfg_fail(msg, msgn, "'%s' is not an absolute path (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    } else {
        char cwd[sizeof path];
        if (!getcwd(cwd, sizeof cwd))
            return yk_cfg_fail(msg, msgn, "cannot make '%s' absolute: %s",
                               yk_cfg_shown(v, buf, sizeof buf), strerror(errno));
        while (v[0] == '.' && v[1] == '/')
            v += 2;
        int w = strcmp(v, ".") == 0 || v[0] == '\0'
                    ? snprintf(path, sizeof path, "%s", cwd)
                    : snprintf(path, sizeof path, "%s%s%s", cwd,
                               cwd[strlen(cwd) - 1] == '/' ? "" : "/", v);
        if (w < 0 || (size_t)w >= sizeof path)
            return yk_cfg_fail(msg, msgn, "the absolute path is %d bytes long (allowed: %s)", w,
                               k->allowed);
    }
    /* A trailing slash would make every derived path differ from the one logged. */
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        path[--n] = '\0';
    return yk_cfg_copy_str(cfg->data_dir, sizeof cfg->data_dir, path);
}

static bool set_language(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v, bool cli,
                         char *msg, size_t msgn)
{
    char buf[96];
    if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
        return yk_cfg_fail(msg, msgn, "'%s' is not allowed (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    return yk_cfg_copy_str(cfg->lang, sizeof cfg->lang, v);
}

const char *const yk_cfg_night_mode_names[3] = {"off", "dim", "blank"};

static bool set_night_mode(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v,
                           bool cli, char *msg, size_t msgn)
{
    char buf[96];
    for (int i = 0; i < 3; i++) {
        if (strcmp(v, yk_cfg_night_mode_names[i]) == 0) {
            cfg->night_mode = (enum yk_night_mode)i;
            return true;
        }
    }
    return yk_cfg_fail(msg, msgn, "'%s' is not allowed (allowed: %s)",
                       yk_cfg_shown(v, buf, sizeof buf), k->allowed);
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

static bool set_time_of_day(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v,
                            bool cli, char *msg, size_t msgn)
{
    char buf[96];
    int min = parse_hhmm(v);
    if (min < 0)
        return yk_cfg_fail(msg, msgn, "'%s' is not a time of day (allowed: %s)",
                           yk_cfg_shown(v, buf, sizeof buf), k->allowed);
    *int_field(k, cfg) = min;
    return true;
}

static bool cal_ok(const struct yk_touch_cal *c, char *msg, size_t msgn)
{
    const double v[6] = {c->a, c->b, c->c, c->d, c->e, c->f};
    for (int i = 0; i < 6; i++) {
        if (!isfinite(v[i]) || fabs(v[i]) > CAL_MAX_ABS)
            return yk_cfg_fail(msg, msgn,
                               "number %d is out of range (each must be between %g and %g: "
                               "the map works in 0..1 units, not pixels)",
                               i + 1, -CAL_MAX_ABS, CAL_MAX_ABS);
    }
    double det = c->a * c->e - c->b * c->d;
    if (fabs(det) < 1e-6)
        return yk_cfg_fail(msg, msgn,
                           "the matrix is degenerate (a*e - b*d = %g): touches could not be "
                           "told apart; the identity is 1,0,0,0,1,0",
                           det);
    return true;
}

static bool set_calibration(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v,
                            bool cli, char *msg, size_t msgn)
{
    double num[6];
    const char *p = v;
    char buf[96];
    for (int i = 0; i < 6; i++) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if ((end != NULL) != (i < 5))
            return yk_cfg_fail(msg, msgn, "'%s' is not six comma-separated numbers (allowed: %s)",
                               yk_cfg_shown(v, buf, sizeof buf), k->allowed);
        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        /* Only plain decimal notation: strtod would also take "nan", "inf" and hex. */
        char field[64];
        if (len == 0 || len >= sizeof field || strspn(p, "0123456789+-.eE") < len)
            return yk_cfg_fail(msg, msgn, "number %d of '%s' is not a decimal number (allowed: %s)",
                               i + 1, yk_cfg_shown(v, buf, sizeof buf), k->allowed);
        memcpy(field, p, len);
        field[len] = '\0';
        char *fend;
        num[i] = strtod(field, &fend);
        if (*fend || fend == field)
            return yk_cfg_fail(msg, msgn, "number %d of '%s' is not a decimal number (allowed: %s)",
                               i + 1, yk_cfg_shown(v, buf, sizeof buf), k->allowed);
        p = end ? end + 1 : p + len;
    }
    struct yk_touch_cal c = {num[0], num[1], num[2], num[3], num[4], num[5]};
    char why[256];
    if (!cal_ok(&c, why, sizeof why))
        return yk_cfg_fail(msg, msgn, "%s (allowed: %s)", why, k->allowed);
    cfg->touch_cal = c;
    return true;
}

/* Every config file key, in the order of README.md, --help and yk_config_write(). */
const struct yk_cfg_key yk_cfg_keys[] = {
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
const size_t yk_cfg_nkeys = sizeof yk_cfg_keys / sizeof yk_cfg_keys[0];

const struct yk_cfg_key *yk_cfg_find_key(const char *name)
{
    for (size_t i = 0; i < yk_cfg_nkeys; i++)
        if (strcmp(yk_cfg_keys[i].name, name) == 0)
            return &yk_cfg_keys[i];
    return NULL;
}

const struct yk_cfg_opt yk_cfg_opts[] = {
    {"config", YK_OPT_CONFIG, true},
    {"window", YK_OPT_WINDOW, true},
    {"headless", YK_OPT_HEADLESS, false},
    {"size", YK_OPT_SIZE, true},
    {"script", YK_OPT_SCRIPT, true},
    {"now", YK_OPT_NOW, true},
    {"bench", YK_OPT_BENCH, false},
    {"bench_idle", YK_OPT_BENCH_IDLE, true},
    {"check_config", YK_OPT_CHECK_CONFIG, false},
    {"lang", YK_OPT_LANG, true},
    {"help", YK_OPT_HELP, false},
    {"version", YK_OPT_VERSION, false},
};
const size_t yk_cfg_nopts = sizeof yk_cfg_opts / sizeof yk_cfg_opts[0];

/* The closest known name to an unknown one, or NULL when nothing is close. */
const char *yk_cfg_suggest(const char *name, bool with_cli_opts)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < yk_cfg_nkeys; i++) {
        size_t d = edit_distance(name, yk_cfg_keys[i].name);
        if (d < best_d)
            best_d = d, best = yk_cfg_keys[i].name;
    }
    for (size_t i = 0; with_cli_opts && i < yk_cfg_nopts; i++) {
        size_t d = edit_distance(name, yk_cfg_opts[i].name);
        if (d < best_d)
            best_d = d, best = yk_cfg_opts[i].name;
    }
    size_t limit = strlen(name) / 3 > 2 ? strlen(name) / 3 : 2;
    return best_d <= limit ? best : NULL;
}

/* "idle_timeout" -> "idle-timeout", the spelling --help uses. */
const char *yk_cfg_dashed(const char *name, char *buf, size_t n)
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
    yk_cfg_copy_str(cfg->station_id, sizeof cfg->station_id, "demo-station");
    yk_cfg_copy_str(cfg->station_name, sizeof cfg->station_name, "益空间党群服务站");
    yk_cfg_copy_str(cfg->station_name_en, sizeof cfg->station_name_en, "Yikong Service Station");
    cfg->rotation = 0;
    cfg->touch_cal = (struct yk_touch_cal){1, 0, 0, 0, 1, 0};
    cfg->dpi = 0;
    cfg->fullscreen = true;
    yk_cfg_copy_str(cfg->lang, sizeof cfg->lang, "zh");
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

/* ---- validation -------------------------------------------------------------------- */

bool yk_config_validate(const struct yk_config *cfg, char *err, size_t errn)
{
    char msg[512];
    char buf[96];
    /* The setters checked each value; this catches fields a caller set directly. */
    for (size_t i = 0; i < yk_cfg_nkeys; i++) {
        const struct yk_cfg_key *k = &yk_cfg_keys[i];
        if (k->set != set_int)
            continue;
        int v = *int_field(k, (struct yk_config *)cfg);
        if (!(k->zero_ok && v == 0) && (v < k->lo || v > k->hi))
            return yk_cfg_fail(err, errn, "%s: %d is out of range (allowed: %s)", k->name, v,
                               k->allowed);
    }
    if (cfg->rotation % 90 != 0 || cfg->rotation < 0 || cfg->rotation > 270)
        return yk_cfg_fail(err, errn, "rotation: %d is not allowed (allowed: 0, 90, 180 or 270)",
                           cfg->rotation);
    if (!cal_ok(&cfg->touch_cal, msg, sizeof msg))
        return yk_cfg_fail(err, errn, "touch_calibration: %s", msg);
    if (!station_id_ok(cfg->station_id))
        return yk_cfg_fail(err, errn, "station_id: '%s' is not allowed (allowed: %s)",
                           yk_cfg_shown(cfg->station_id, buf, sizeof buf),
                           yk_cfg_find_key("station_id")->allowed);
    if (!name_ok(cfg->station_name, sizeof cfg->station_name, msg, sizeof msg,
                 yk_cfg_find_key("station_name")) ||
        !yk_cfg_check_text(cfg->station_name, msg, sizeof msg))
        return yk_cfg_fail(err, errn, "station_name: %s", msg);
    if (!name_ok(cfg->station_name_en, sizeof cfg->station_name_en, msg, sizeof msg,
                 yk_cfg_find_key("station_name_en")) ||
        !yk_cfg_check_text(cfg->station_name_en, msg, sizeof msg))
        return yk_cfg_fail(err, errn, "station_name_en: %s", msg);
    if (!hub_url_ok(cfg->hub_url, msg, sizeof msg, yk_cfg_find_key("hub_url")) ||
        !yk_cfg_check_text(cfg->hub_url, msg, sizeof msg))
        return yk_cfg_fail(err, errn, "hub_url: %s", msg);
    if (cfg->data_dir[0] != '\0' && cfg->data_dir[0] != '/')
        return yk_cfg_fail(err, errn, "data_dir: '%s' is not an absolute path",
                           yk_cfg_shown(cfg->data_dir, buf, sizeof buf));
    if (strcmp(cfg->lang, "zh") != 0 && strcmp(cfg->lang, "en") != 0)
        return yk_cfg_fail(err, errn, "language: '%s' is not allowed (allowed: zh or en)",
                           yk_cfg_shown(cfg->lang, buf, sizeof buf));
    if ((int)cfg->night_mode < 0 || (int)cfg->night_mode > 2)
        return yk_cfg_fail(err, errn, "night_mode: %d is not allowed", (int)cfg->night_mode);
    if (cfg->night_start_min < 0 || cfg->night_start_min >= 1440 || cfg->night_end_min < 0 ||
        cfg->night_end_min >= 1440)
        return yk_cfg_fail(err, errn, "night_start/night_end must be within 00:00..23:59");

    /* Relations between keys: report both names and values so either can be fixed. */
    if (cfg->idle_warning_s >= cfg->idle_timeout_s)
        return yk_cfg_fail(err, errn, "idle_warning (%d) must be less than idle_timeout (%d)",
                           cfg->idle_warning_s, cfg->idle_timeout_s);
    if (cfg->attract_after_s != 0 && cfg->attract_after_s < cfg->idle_timeout_s)
        return yk_cfg_fail(err, errn,
                           "attract_after (%d) must be 0 (never) or at least idle_timeout "
                           "(%d): set attract_after too when raising idle_timeout",
                           cfg->attract_after_s, cfg->idle_timeout_s);
    if (cfg->night_mode != YK_NIGHT_OFF && cfg->night_start_min == cfg->night_end_min)
        return yk_cfg_fail(err, errn,
                           "night_start and night_end are both %02d:%02d: the night would "
                           "be empty (use night_mode = off to have no night)",
                           cfg->night_start_min / 60, cfg->night_start_min % 60);

    /* Command-line fields. */
    if (cfg->headless) {
        if (cfg->window_w < 200 || cfg->window_w > 8192 || cfg->window_h < 200 ||
            cfg->window_h > 8192)
            return yk_cfg_fail(err, errn, "--headless needs --size WxH (each 200..8192)");
        if (cfg->script[0] == '\0')
            return yk_cfg_fail(err, errn, "--headless needs --script FILE (\"-\" for stdin)");
    } else if (cfg->script[0] != '\0') {
        return yk_cfg_fail(err, errn, "--script only works with --headless");
    }
    if (!cfg->fullscreen && !cfg->headless &&
        (cfg->window_w < 200 || cfg->window_w > 8192 || cfg->window_h < 200 ||
         cfg->window_h > 8192))
        return yk_cfg_fail(err, errn, "--window: the size must be 200..8192 each");
    if (cfg->bench_idle_s < 0 || cfg->bench_idle_s > 3600)
        return yk_cfg_fail(err, errn, "--bench-idle: %d is out of range (allowed: 0..3600)",
                           cfg->bench_idle_s);
    if (cfg->start_time < 0)
        return yk_cfg_fail(err, errn, "--now: the time is before 1970");
    return true;
}
