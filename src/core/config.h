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
    char station_id[64];     /* "station_id": [a-z0-9-]{1,63}; default "demo-station" */
    char station_name[128];  /* "station_name": UTF-8, 1..127 bytes; default "益空间党群服务站" */
    char station_name_en[128]; /* "station_name_en"; default "Yikong Service Station" */
    char data_dir[512];      /* "data_dir"; default: see yk_config_default_data_dir() */
    char hub_url[512];       /* "hub_url": empty (no hub) or http(s)://...; default "" */
    char config_path[512];   /* the config file that was read, or "" */

    /* Display */
    int rotation;             /* "rotation": 0, 90, 180 or 270; default 0 */
    struct yk_touch_cal touch_cal; /* "touch_calibration": six numbers a,b,c,d,e,f */
    int dpi;                  /* "dpi": 0 = pick by screen size, else 50..600; default 0 */
    bool fullscreen;          /* false when --window or --headless is given */
    int window_w, window_h;   /* "--window WxH" / "--size WxH": 200..8192 each */
    char lang[3];             /* "language": "zh" or "en"; default "zh" */

    /* Idle, attract loop, night schedule (seconds; minutes of the day in Shanghai time) */
    int idle_timeout_s;       /* "idle_timeout": 15..3600; default 90 */
    int idle_warning_s;       /* "idle_warning": 3..60, < idle_timeout; default 10 */
    int attract_after_s;      /* "attract_after": 0 (never) or >= idle_timeout; default 300 */
    enum yk_night_mode night_mode; /* "night_mode": off | dim | blank; default dim */
    int night_start_min;      /* "night_start": "HH:MM"; default 22:00 -> 1320 */
    int night_end_min;        /* "night_end": "HH:MM"; default 06:00 -> 360 */
    int volunteer_lock_s;     /* "volunteer_lock": 30..3600; default 120 */
    int retention_days;       /* "retention_days": 1..3650; default 30 */

    /* Headless driver (command line only) */
    bool headless;            /* --headless */
    char script[512];         /* --script FILE ("-" = stdin) */
    long long start_time;     /* --now ISO8601 ("2026-12-01T09:00:00+08:00" or ...Z): the
                                 clock's start (UTC seconds); 0 = the real time */

    /* Benchmark mode (command line only) */
    bool bench;               /* --bench: print timing figures as JSON lines and exit */
    int bench_idle_s;         /* --bench-idle S: measure S seconds idle; default 30 */
};

/* Fills cfg with the built-in defaults (data_dir left as yk_config_default_data_dir()). */
void yk_config_defaults(struct yk_config *cfg);

/* The default data directory: /var/lib/yikong when running fullscreen as a system service
 * (it exists and is writable), else $XDG_DATA_HOME/yikong or ~/.local/share/yikong.
 * Writes into buf (size n). */
void yk_config_default_data_dir(char *buf, size_t n, bool fullscreen);

/* Parses config file text (UTF-8, "key = value" lines, '#' comments, blank lines).
 * name is used in messages. On error writes "name:LINE: message" to err (size errn) and
 * returns false; cfg may then be partly updated and must not be used. */
bool yk_config_parse_text(struct yk_config *cfg, const char *text, size_t len, const char *name,
                          char *err, size_t errn);

/* Reads and parses the file at path. A missing file is an error only when required. */
bool yk_config_load_file(struct yk_config *cfg, const char *path, bool required, char *err,
                         size_t errn);

/* Applies argv (argv[0] skipped): --config FILE is read first (or the first of
 * /etc/yikong/kiosk.conf, /boot/firmware/yikong.conf that exists), then every other option
 * overrides it. Fills err and returns false on the first bad option or value.
 * Sets *want_help for --help and *want_version for --version. */
bool yk_config_from_args(struct yk_config *cfg, int argc, char **argv, bool *want_help,
                         bool *want_version, char *err, size_t errn);

/* Writes the --help text to the stream f (a FILE *). */
void yk_config_print_help(void *f);

#endif
