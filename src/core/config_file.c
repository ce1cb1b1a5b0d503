/* The config file: "key = value" lines applied through the key table (config_keys.c),
 * whole or not at all, and the same format written back (--check-config). */
#include "core/config_internal.h"

#include "core/log.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LINE_MAX_BYTES 4096
/* A config file is a few hundred bytes; a bigger one is the wrong file. */
#define FILE_MAX_BYTES (1024 * 1024)

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
        return yk_cfg_fail(msg, msgn, "expected 'key = value', got '%s'",
                           yk_cfg_shown(p, buf, sizeof buf));
    char *kend = eq;
    while (kend > p && is_blank(kend[-1]))
        kend--;
    if (kend == p)
        return yk_cfg_fail(msg, msgn, "missing key before '='");
    *kend = '\0';
    *key = p;
    char kb[96];
    const char *ks = yk_cfg_shown(p, kb, sizeof kb); /* the key as messages show it */

    char *v = eq + 1;
    while (is_blank(*v))
        v++;
    size_t o = 0;
    if (*v == '"') {
        /* Quotes keep leading/trailing spaces and " #"; \" and \\ are the only escapes. */
        for (v++;; v++) {
            if (*v == '\0')
                return yk_cfg_fail(msg, msgn, "missing closing '\"' in the value of '%s'", ks);
            if (*v == '"')
                break;
            if (*v == '\\') {
                v++;
                if (*v != '"' && *v != '\\')
                    return yk_cfg_fail(msg, msgn,
                                       "unknown escape '\\%c' in the value of '%s' (only \\\" "
                                       "and \\\\ are allowed)",
                                       isgraph((unsigned char)*v) ? *v : '?', ks);
            }
            if (o + 1 >= valn)
                return yk_cfg_fail(msg, msgn, "the value of '%s' is too long", ks);
            val[o++] = *v;
        }
        v++;
        while (is_blank(*v))
            v++;
        if (*v != '\0' && *v != '#')
            return yk_cfg_fail(msg, msgn, "unexpected text after the closing '\"' of '%s': '%s'",
                               ks, yk_cfg_shown(v, buf, sizeof buf));
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
            return yk_cfg_fail(msg, msgn, "the value of '%s' is too long", ks);
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
            return yk_cfg_fail(err, errn,
                               "%s:%d: the line contains a NUL byte (at byte %zu): is this "
                               "a text file?",
                               name, lineno, (size_t)(nul - start) + 1);
        if (n > LINE_MAX_BYTES)
            return yk_cfg_fail(err, errn, "%s:%d: the line is %zu bytes long (at most %d)", name,
                               lineno, n, LINE_MAX_BYTES);
        memcpy(line, start, n);
        line[n] = '\0';

        char *key;
        if (!split_line(line, &key, val, sizeof val, msg, sizeof msg))
            return yk_cfg_fail(err, errn, "%s:%d: %s", name, lineno, msg);
        if (!key)
            continue;
        const struct yk_cfg_key *k = yk_cfg_find_key(key);
        if (!k) {
            for (size_t i = 0; i < yk_cfg_nopts; i++) {
                if (strcmp(key, yk_cfg_opts[i].name) == 0) {
                    char d[32];
                    return yk_cfg_fail(err, errn,
                                       "%s:%d: '%s' is a command-line option (--%s), not a "
                                       "config file key",
                                       name, lineno, key,
                                       yk_cfg_dashed(yk_cfg_opts[i].name, d, sizeof d));
                }
            }
            const char *s = yk_cfg_suggest(key, false);
            if (s)
                return yk_cfg_fail(err, errn, "%s:%d: unknown key '%s' (did you mean '%s'?)", name,
                                   lineno, yk_cfg_shown(key, buf, sizeof buf), s);
            return yk_cfg_fail(err, errn,
                               "%s:%d: unknown key '%s' (see the list of keys in "
                               "yikong.conf.example)",
                               name, lineno, yk_cfg_shown(key, buf, sizeof buf));
        }
        if (!yk_cfg_check_text(val, msg, sizeof msg) ||
            !k->set(k, &tmp, val, false, msg, sizeof msg))
            return yk_cfg_fail(err, errn, "%s:%d: %s: %s", name, lineno, k->name, msg);
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
        return yk_cfg_fail(err, errn, "cannot open config file %s: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return yk_cfg_fail(err, errn, "config file %s is a directory", path);
    }
    char *text = malloc(FILE_MAX_BYTES + 1);
    if (!text) {
        fclose(f);
        return yk_cfg_fail(err, errn, "cannot read config file %s: out of memory", path);
    }
    size_t len = fread(text, 1, FILE_MAX_BYTES + 1, f);
    bool read_error = ferror(f);
    int saved = errno;
    fclose(f);
    bool ok;
    if (read_error)
        ok = yk_cfg_fail(err, errn, "cannot read config file %s: %s", path, strerror(saved));
    else if (len > FILE_MAX_BYTES)
        ok = yk_cfg_fail(err, errn, "config file %s is larger than %d bytes: is it the right file?",
                         path, FILE_MAX_BYTES);
    else if (strlen(path) >= sizeof cfg->config_path)
        ok = yk_cfg_fail(err, errn, "config file path is longer than %zu bytes",
                         sizeof cfg->config_path - 1);
    else
        ok = yk_config_parse_text(cfg, text, len, path, err, errn);
    free(text);
    if (ok)
        yk_cfg_copy_str(cfg->config_path, sizeof cfg->config_path, path);
    return ok;
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
            (unsigned)cfg->night_mode < 3 ? yk_cfg_night_mode_names[cfg->night_mode] : "?");
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
