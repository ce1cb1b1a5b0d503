#ifndef YK_CONFIG_INTERNAL_H
#define YK_CONFIG_INTERNAL_H

/* Private to config_keys.c, config_file.c and config_cli.c (the public API is config.h):
 * the key table every layer applies values through, the command-line-only options, and
 * the message helpers they share. */

#include "core/config.h"

#include <stdbool.h>
#include <stddef.h>

struct yk_cfg_key;
typedef bool (*yk_cfg_setter)(const struct yk_cfg_key *k, struct yk_config *cfg, const char *v,
                              bool cli, char *msg, size_t msgn);

struct yk_cfg_key {
    const char *name;    /* file key; the option is --name with '_' or '-' */
    const char *allowed; /* what the value may be, for messages and --help */
    yk_cfg_setter set;
    size_t off;   /* offsetof the field */
    size_t size;  /* for strings: the buffer size */
    int lo, hi;   /* for integers */
    bool zero_ok; /* for integers: 0 is allowed besides lo..hi */
};

/* Every config file key, in the order of README.md, --help and yk_config_write(). */
extern const struct yk_cfg_key yk_cfg_keys[];
extern const size_t yk_cfg_nkeys;

/* Options that exist only on the command line. */
enum yk_cfg_opt_id {
    YK_OPT_KEY, /* a config file key */
    YK_OPT_CONFIG,
    YK_OPT_WINDOW,
    YK_OPT_HEADLESS,
    YK_OPT_SIZE,
    YK_OPT_SCRIPT,
    YK_OPT_NOW,
    YK_OPT_BENCH,
    YK_OPT_BENCH_IDLE,
    YK_OPT_CHECK_CONFIG,
    YK_OPT_LANG,
    YK_OPT_HELP,
    YK_OPT_VERSION,
};

struct yk_cfg_opt {
    const char *name; /* with '_' */
    enum yk_cfg_opt_id id;
    bool has_value;
};

extern const struct yk_cfg_opt yk_cfg_opts[];
extern const size_t yk_cfg_nopts;

/* "off", "dim", "blank": the values of night_mode, indexed by enum yk_night_mode. */
extern const char *const yk_cfg_night_mode_names[3];

/* The key called name (with '_'), or NULL. */
const struct yk_cfg_key *yk_cfg_find_key(const char *name);

/* The closest key (and, with with_cli_opts, option) name to an unknown one, or NULL when
 * nothing is close. */
const char *yk_cfg_suggest(const char *name, bool with_cli_opts);

/* "idle_timeout" -> "idle-timeout" in buf (size n), the spelling --help uses; returns buf. */
const char *yk_cfg_dashed(const char *name, char *buf, size_t n);

/* Writes the formatted message to err (size errn; either may be 0/NULL) and returns false. */
bool yk_cfg_fail(char *err, size_t errn, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Copies s into a buffer of size n; false (dst untouched) when it does not fit. */
bool yk_cfg_copy_str(char *dst, size_t n, const char *s);

/* Checks a value for invalid UTF-8 and control characters; writes why to msg. */
bool yk_cfg_check_text(const char *v, char *msg, size_t msgn);

/* Copies s into out (size n) for a message: control bytes and invalid UTF-8 as \xNN, cut
 * with "..." so one bad line cannot flood the journal. Returns out. */
const char *yk_cfg_shown(const char *s, char *out, size_t n);

enum yk_cfg_num { YK_CFG_NUM_OK, YK_CFG_NUM_BAD, YK_CFG_NUM_RANGE };

/* Strict decimal integer: optional '-', digits only, whole string, no overflow. */
enum yk_cfg_num yk_cfg_parse_long(const char *s, long *out);

#endif
