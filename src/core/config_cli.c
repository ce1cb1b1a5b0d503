/* The command line: options (every key, plus the command-line-only ones), which config
 * file to read, --now, --help and the front end main() calls (yk_config_cli). */
#include "core/config_internal.h"

#include "core/log.h"
#include "core/shtime.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const system_config_paths[] = {"/etc/yikong/kiosk.conf",
                                                  "/boot/firmware/yikong.conf"};

/* ---- --now ------------------------------------------------------------------------- */

bool yk_config_parse_time(const char *text, long long *utc, char *err, size_t errn)
{
    static const char forms[] = "use 2026-12-01T09:00:00+08:00, 2026-12-01T01:00:00Z or "
                                "\"2026-12-01 09:00\" (Shanghai time)";
    char buf[96];
    int64_t t = 0;
    switch (yk_parse_datetime(text, &t)) {
    case YK_DATETIME_OK:
        *utc = t;
        return true;
    case YK_DATETIME_OFFSET:
        return yk_cfg_fail(err, errn, "'%s' has a bad UTC offset (write +08:00, Z, -05:00)",
                           yk_cfg_shown(text, buf, sizeof buf));
    case YK_DATETIME_RANGE:
        return yk_cfg_fail(err, errn, "'%s' is not a valid date and time (years 2000..9999)",
                           yk_cfg_shown(text, buf, sizeof buf));
    case YK_DATETIME_FORM:
        break;
    }
    return yk_cfg_fail(err, errn, "'%s' is not a date and time (%s)",
                       yk_cfg_shown(text, buf, sizeof buf), forms);
}

/* ---- the command line -------------------------------------------------------------- */

struct tok {
    enum yk_cfg_opt_id id;
    const struct yk_cfg_key *key; /* for YK_OPT_KEY */
    const char *value;            /* NULL for flags */
    char shown[72];               /* the option as typed, for messages */
};

/* Reads the option at argv[*i] (and its value) and advances *i. */
static bool next_tok(int argc, char **argv, int *i, struct tok *t, char *err, size_t errn)
{
    char buf[96];
    const char *arg = argv[(*i)++];
    memset(t, 0, sizeof *t);
    if (strcmp(arg, "-h") == 0) {
        t->id = YK_OPT_HELP;
        snprintf(t->shown, sizeof t->shown, "-h");
        return true;
    }
    if (arg[0] != '-')
        return yk_cfg_fail(err, errn,
                           "unexpected argument '%s': this program takes only options "
                           "(see --help)",
                           yk_cfg_shown(arg, buf, sizeof buf));
    if (arg[1] != '-' || arg[2] == '\0')
        return yk_cfg_fail(err, errn, "unknown option '%s' (see --help)",
                           yk_cfg_shown(arg, buf, sizeof buf));
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
    char norm[64];
    if (nlen >= sizeof norm)
        return yk_cfg_fail(err, errn, "unknown option '%s' (see --help)",
                           yk_cfg_shown(arg, buf, sizeof buf));
    for (size_t k = 0; k < nlen; k++)
        norm[k] = name[k] == '-' ? '_' : name[k];
    norm[nlen] = '\0';
    snprintf(t->shown, sizeof t->shown, "--%.*s", (int)nlen, name);
    char sh[96];
    yk_cfg_shown(t->shown, sh, sizeof sh);

    bool has_value = true;
    t->key = yk_cfg_find_key(norm);
    if (t->key) {
        t->id = YK_OPT_KEY;
    } else {
        size_t k;
        for (k = 0; k < yk_cfg_nopts && strcmp(yk_cfg_opts[k].name, norm) != 0; k++)
            ;
        if (k == yk_cfg_nopts) {
            const char *s = yk_cfg_suggest(norm, true);
            char d[32];
            if (s)
                return yk_cfg_fail(err, errn, "unknown option '%s' (did you mean '--%s'?)", sh,
                                   yk_cfg_dashed(s, d, sizeof d));
            return yk_cfg_fail(err, errn, "unknown option '%s' (see --help)", sh);
        }
        t->id = yk_cfg_opts[k].id;
        has_value = yk_cfg_opts[k].has_value;
    }
    if (!has_value) {
        if (eq)
            return yk_cfg_fail(err, errn, "option %s takes no value", sh);
        return true;
    }
    if (eq) {
        t->value = eq + 1;
    } else {
        if (*i >= argc)
            return yk_cfg_fail(err, errn, "option %s needs a value", sh);
        t->value = argv[(*i)++];
        /* "--script --headless" is a forgotten value, not a script named --headless. */
        if (t->value[0] == '-' && t->value[1] == '-' && t->value[2] != '\0')
            return yk_cfg_fail(err, errn,
                               "option %s needs a value, got the option '%s' (write "
                               "%s=VALUE if the value really starts with --)",
                               sh, yk_cfg_shown(t->value, buf, sizeof buf), sh);
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
    if (yk_cfg_parse_long(a, &lw) != YK_CFG_NUM_OK ||
        yk_cfg_parse_long(x + 1, &lh) != YK_CFG_NUM_OK)
        return false;
    if (lw < 200 || lw > 8192 || lh < 200 || lh > 8192)
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

/* True if both paths name one file: on the terminal image /etc/yikong/kiosk.conf is a link
 * to the boot partition's yikong.conf, and that is not two files to choose between. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
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
        if (!yk_cfg_check_text(env, msg, sizeof msg))
            return yk_cfg_fail(err, errn, "YK_CONFIG: %s", msg);
        return yk_config_load_file(cfg, env, true, err, errn);
    }
    for (size_t i = 0; i < 2; i++) {
        if (access(system_config_paths[i], F_OK) != 0)
            continue;
        if (i == 0 && access(system_config_paths[1], F_OK) == 0 &&
            !same_file(system_config_paths[0], system_config_paths[1]))
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
        if (t.id == YK_OPT_HELP)
            help = true;
        else if (t.id == YK_OPT_VERSION)
            version = true;
        else if (t.id == YK_OPT_CONFIG) {
            if (config)
                return yk_cfg_fail(err, errn, "--config is given twice");
            if (!yk_cfg_check_text(t.value, msg, sizeof msg))
                return yk_cfg_fail(err, errn, "option %s: %s", t.shown, msg);
            if (t.value[0] == '\0')
                return yk_cfg_fail(err, errn, "option %s needs a file name", t.shown);
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
        if (t.value && !yk_cfg_check_text(t.value, msg, sizeof msg))
            return yk_cfg_fail(err, errn, "option %s: %s", t.shown, msg);
        switch (t.id) {
        case YK_OPT_CONFIG:
        case YK_OPT_HELP:
        case YK_OPT_VERSION:
            break;
        case YK_OPT_LANG:
        case YK_OPT_KEY: {
            const struct yk_cfg_key *k = t.id == YK_OPT_LANG ? yk_cfg_find_key("language") : t.key;
            if (!k->set(k, cfg, t.value, true, msg, sizeof msg))
                return yk_cfg_fail(err, errn, "option %s: %s", t.shown, msg);
            break;
        }
        case YK_OPT_WINDOW:
        case YK_OPT_SIZE:
            if (!parse_size(t.value, &cfg->window_w, &cfg->window_h))
                return yk_cfg_fail(err, errn,
                                   "option %s: '%s' is not WxH with each 200..8192 (for "
                                   "example 800x480)",
                                   t.shown, yk_cfg_shown(t.value, buf, sizeof buf));
            cfg->fullscreen = false;
            if (t.id == YK_OPT_WINDOW)
                window = true;
            else
                size = true;
            break;
        case YK_OPT_HEADLESS:
            cfg->headless = true;
            cfg->fullscreen = false;
            break;
        case YK_OPT_SCRIPT:
            if (t.value[0] == '\0')
                return yk_cfg_fail(err, errn, "option %s needs a file name (\"-\" for stdin)",
                                   t.shown);
            if (!yk_cfg_copy_str(cfg->script, sizeof cfg->script, t.value))
                return yk_cfg_fail(err, errn, "option %s: the path is longer than %zu bytes",
                                   t.shown, sizeof cfg->script - 1);
            if (strcmp(t.value, "-") != 0 && access(t.value, R_OK) != 0)
                return yk_cfg_fail(err, errn, "option %s: cannot read '%s': %s", t.shown,
                                   yk_cfg_shown(t.value, buf, sizeof buf), strerror(errno));
            script = true;
            break;
        case YK_OPT_NOW:
            if (!yk_config_parse_time(t.value, &cfg->start_time, msg, sizeof msg))
                return yk_cfg_fail(err, errn, "option %s: %s", t.shown, msg);
            break;
        case YK_OPT_BENCH:
            cfg->bench = true;
            break;
        case YK_OPT_BENCH_IDLE: {
            long n = 0;
            if (yk_cfg_parse_long(t.value, &n) != YK_CFG_NUM_OK || n < 0 || n > 3600)
                return yk_cfg_fail(err, errn, "option %s: '%s' is not a number of seconds 0..3600",
                                   t.shown, yk_cfg_shown(t.value, buf, sizeof buf));
            cfg->bench_idle_s = (int)n;
            bench_idle = true;
            break;
        }
        case YK_OPT_CHECK_CONFIG:
            cfg->check_config = true;
            break;
        }
    }

    if (window && cfg->headless)
        return yk_cfg_fail(err, errn,
                           "--window and --headless cannot be combined (use --size WxH "
                           "with --headless)");
    if (size && !cfg->headless)
        return yk_cfg_fail(err, errn,
                           "--size only works with --headless (use --window WxH for a "
                           "window)");
    if (cfg->headless && !size)
        return yk_cfg_fail(err, errn, "--headless needs --size WxH (for example --size 800x480)");
    if (cfg->headless && !script)
        return yk_cfg_fail(err, errn, "--headless needs --script FILE (\"-\" for stdin)");
    if (script && !cfg->headless)
        return yk_cfg_fail(err, errn, "--script only works with --headless");
    if (bench_idle && !cfg->bench)
        return yk_cfg_fail(err, errn, "--bench-idle only works with --bench");
    if (cfg->data_dir[0] == '\0' &&
        !yk_config_default_data_dir(cfg->data_dir, sizeof cfg->data_dir, cfg->fullscreen))
        return yk_cfg_fail(err, errn,
                           "cannot choose a data directory ($HOME is not set or too "
                           "long): use --data-dir DIR or data_dir in the config file");
    return yk_config_validate(cfg, err, errn);
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
    for (size_t i = 0; i < yk_cfg_nkeys; i++) {
        char d[32];
        if (strcmp(yk_cfg_keys[i].name, "data_dir") == 0)
            continue;
        fprintf(f, "  --%-18s %s\n", yk_cfg_dashed(yk_cfg_keys[i].name, d, sizeof d),
                yk_cfg_keys[i].allowed);
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
