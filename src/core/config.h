#ifndef YK_CONFIG_H
#define YK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

/* The kiosk's settings: built-in defaults, then a config file, then command-line options,
 * each overriding the one before. Every value is validated; a bad one is reported with its
 * name (and file:line for the config file) and the program exits with status 2.
 * See src/core/README.md (config section) for every key. */

enum yk_night_mode { YK_NIGHT_OFF, YK_NIGHT_DIM, YK_NIGHT_BLANK };

struct yk_touch_cal {
    /* Affine map from raw touch (0..1 of the panel's touch range, as SDL reports it) to
     * display coordinates (0..1), before rotation:  x' = a*x + b*y + c;  y' = d*x + e*y + f.
     * Identity by default. */
    double a, b, c, d, e, f;
};

struct yk_config {
    /* Station */
    char station_id[64]; /* "station_id": [a-z0-9-]{1,63}; default "demo-station" */
    char station_name[128]; /* "station_name": UTF-8, 1..127 bytes; default "益空间党群服务站" */
    char station_name_en[128]; /* "station_name_en"; default "Yikong Service Station" */
    char data_dir[512];        /* "data_dir"; default: see yk_config_default_data_dir() */
    char hub_url[512];         /* "hub_url": empty (no hub) or http(s)://...; default "" */
    char config_path[512];     /* the config file that was read, or "" */

    /* Display */
    int rotation;                  /* "rotation": 0, 90, 180 or 270; default 0 */
    struct yk_touch_cal touch_cal; /* "touch_calibration": six numbers a,b,c,d,e,f */
    int dpi;                       /* "dpi": 0 = pick by screen size, else 50..600; default 0 */
    bool fullscreen;               /* false when --window or --headless is given */
    int window_w, window_h;        /* "--window WxH" / "--size WxH": 200..8192 each; 0 when
                                      fullscreen (the display's own mode is used) */
    char lang[3];                  /* "language": "zh" or "en"; default "zh" */

    /* Idle, attract loop, night schedule (seconds; minutes of the day in Shanghai time) */
    int idle_timeout_s;            /* "idle_timeout": 15..3600; default 90 */
    int idle_warning_s;            /* "idle_warning": 3..60, < idle_timeout; default 10 */
    int attract_after_s;           /* "attract_after": 0 (never) or >= idle_timeout; default 300 */
    enum yk_night_mode night_mode; /* "night_mode": off | dim | blank; default dim */
    int night_start_min;           /* "night_start": "HH:MM"; default 22:00 -> 1320 */
    int night_end_min;             /* "night_end": "HH:MM"; default 06:00 -> 360 */
    int volunteer_lock_s;          /* "volunteer_lock": 30..3600; default 120 */
    int retention_days;            /* "retention_days": 1..3650; default 30 */

    /* Sync with the hub (src/core/SYNC.md) */
    char setup_code[64];      /* "setup_code": the one-time enrolment code from the hub's
                                 operator (kiosk-add), or ""; 16 Crockford base32 characters,
                                 hyphens/spaces allowed. A secret: never logged or printed */
    int sync_interval_s;      /* "sync_interval": 10..3600 seconds between rounds when idle;
                                 default 60 */
    int heartbeat_interval_s; /* "heartbeat_interval": 30..86400 seconds; default 300 */
    int seat_block;           /* "seat_block": 0..50 seats this kiosk keeps held (free) per
                                 event open for sign-up, to confirm offline; 0 = never ask;
                                 default 4 */

    /* Headless driver (command line only) */
    bool headless;        /* --headless */
    char script[512];     /* --script FILE ("-" = stdin) */
    long long start_time; /* --now ISO8601 ("2026-12-01T09:00:00+08:00" or ...Z): the
                             clock's start (UTC seconds); 0 = the real time */

    /* Benchmark mode (command line only) */
    bool bench;       /* --bench: print timing figures as JSON lines and exit */
    int bench_idle_s; /* --bench-idle S: measure S seconds idle; default 30;
                         0..3600, 0 = skip the idle measurement; needs --bench */

    /* Technician's check (command line only) */
    bool check_config; /* --check-config: parse and validate everything, print the
                          settings in effect and "config ok", exit 0 (see
                          yk_config_cli()) */
};

/* Fills cfg with the built-in defaults. data_dir is left "" (not chosen yet):
 * yk_config_from_args() fills it with yk_config_default_data_dir(cfg->fullscreen) when
 * neither the file nor the options set it, because the default depends on --window. */
void yk_config_defaults(struct yk_config *cfg);

/* The default data directory: /var/lib/yikong when running fullscreen as a system service
 * (it exists and is writable), else $XDG_DATA_HOME/yikong or ~/.local/share/yikong.
 * Writes into buf (size n). Returns false (buf "") when no home directory is known or the
 * path does not fit in n bytes: a truncated path would put the data somewhere else. */
bool yk_config_default_data_dir(char *buf, size_t n, bool fullscreen);

/* Parses config file text (UTF-8, "key = value" lines, '#' comments, blank lines).
 * name is used in messages. On error writes "name:LINE: message" to err (size errn) and
 * returns false; cfg is then left as it was (the file is applied whole or not at all).
 * Checks each value on its own; the relations between keys (idle_warning < idle_timeout,
 * ...) are checked by yk_config_validate() once every source has been applied. */
bool yk_config_parse_text(struct yk_config *cfg, const char *text, size_t len, const char *name,
                          char *err, size_t errn);

/* Reads and parses the file at path. A missing file is an error only when required; any
 * other failure to read it (permissions, a directory, over 1 MiB) always is. On success
 * copies path into cfg->config_path (unless the file was missing). */
bool yk_config_load_file(struct yk_config *cfg, const char *path, bool required, char *err,
                         size_t errn);

/* Applies argv (argv[0] skipped): --config FILE is read first (or the first of
 * /etc/yikong/kiosk.conf, /boot/firmware/yikong.conf that exists), then every other option
 * overrides it. Fills err and returns false on the first bad option or value.
 * Sets *want_help for --help and *want_version for --version.
 * File choice: --config FILE (must exist) > $YK_CONFIG (must exist when set and non-empty)
 * > the first existing system file (optional). With --help or --version no file is read
 * and nothing else is checked. Ends with the command-line rules (--headless needs --size
 * and --script, ...), the default data_dir and yk_config_validate().
 * On false the caller prints err and exits with status 2 (yk_config_cli() does that). */
bool yk_config_from_args(struct yk_config *cfg, int argc, char **argv, bool *want_help,
                         bool *want_version, char *err, size_t errn);

/* Checks every field's range and the relations between keys (idle_warning < idle_timeout,
 * attract_after 0 or >= idle_timeout, night_start != night_end unless night_mode is off,
 * --headless with a size and a script). Returns false with a message naming the keys. */
bool yk_config_validate(const struct yk_config *cfg, char *err, size_t errn);

/* Parses a --now time: "2026-12-01T09:00:00+08:00", "...Z", "...-05:00", seconds optional,
 * or "2026-12-01 09:00[:SS]" / "2026-12-01T09:00" without a zone meaning Shanghai time
 * (UTC+8, no daylight saving). Years 2000..9999; impossible dates (2026-02-30) rejected.
 * Stores UTC unix seconds in *utc; on error writes why to err and returns false. */
bool yk_config_parse_time(const char *text, long long *utc, char *err, size_t errn);

/* Writes every config file key of cfg to the stream f (a FILE *) in the config file format,
 * so that yk_config_parse_text() reads back the same values. Used by --check-config. */
void yk_config_write(const struct yk_config *cfg, void *f);

/* Writes the --help text to the stream f (a FILE *). */
void yk_config_print_help(void *f);

/* The whole command-line front end for main(): defaults, yk_config_from_args(), then
 * --help (usage on stdout), --version ("yikong-kiosk VERSION"), --check-config (settings
 * and "config ok" on stdout). Returns the exit status when the program should stop now:
 * 0 after those, 2 after a bad option or value (message on stderr). Returns -1 when the
 * kiosk should run with cfg. */
int yk_config_cli(struct yk_config *cfg, int argc, char **argv, const char *version);

#endif
