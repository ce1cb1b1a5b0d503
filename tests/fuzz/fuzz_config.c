/* Fuzz target for the config parser (src/core/config.c).
 * Input: config file text, checked for: no crash or sanitizer report, an error message that
 * starts with "NAME:LINE:", cfg untouched on error, and on success a round trip through
 * yk_config_write() that gives back the same values.
 * An input starting with "ARGS\n" is a command line instead, one argument per line, for
 * the option parser and --now/--window values. */
#include "fuzz/require.h"
#include "core/config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same_file_keys(const struct yk_config *a, const struct yk_config *b)
{
    return strcmp(a->station_id, b->station_id) == 0 &&
           strcmp(a->station_name, b->station_name) == 0 &&
           strcmp(a->station_name_en, b->station_name_en) == 0 &&
           strcmp(a->hub_url, b->hub_url) == 0 && strcmp(a->data_dir, b->data_dir) == 0 &&
           strcmp(a->lang, b->lang) == 0 && a->rotation == b->rotation &&
           memcmp(&a->touch_cal, &b->touch_cal, sizeof a->touch_cal) == 0 && a->dpi == b->dpi &&
           a->idle_timeout_s == b->idle_timeout_s && a->idle_warning_s == b->idle_warning_s &&
           a->attract_after_s == b->attract_after_s && a->night_mode == b->night_mode &&
           a->night_start_min == b->night_start_min && a->night_end_min == b->night_end_min &&
           a->volunteer_lock_s == b->volunteer_lock_s && a->retention_days == b->retention_days &&
           a->sync_interval_s == b->sync_interval_s &&
           a->heartbeat_interval_s == b->heartbeat_interval_s && a->seat_block == b->seat_block;
}

static void fuzz_text(const uint8_t *data, size_t size)
{
    struct yk_config a, before, b;
    char err[1024] = "";
    yk_config_defaults(&a);
    before = a;
    if (!yk_config_parse_text(&a, (const char *)data, size, "fuzz", err, sizeof err)) {
        REQUIRE(memcmp(&a, &before, sizeof a) == 0);
        REQUIRE(strncmp(err, "fuzz:", 5) == 0 && strlen(err) < sizeof err);
        return;
    }
    (void)yk_config_validate(&a, err, sizeof err);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    REQUIRE(f != NULL);
    yk_config_write(&a, f);
    fclose(f);
    yk_config_defaults(&b);
    if (!yk_config_parse_text(&b, text, len, "roundtrip", err, sizeof err)) {
        fprintf(stderr, "round trip rejected: %s\n%s", err, text);
        abort();
    }
    if (!same_file_keys(&a, &b)) {
        fprintf(stderr, "round trip changed a value:\n%s", text);
        abort();
    }
    free(text);
}

static void fuzz_args(const uint8_t *data, size_t size)
{
    enum { MAX_ARGS = 32 };
    char *buf = malloc(size + 1);
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    REQUIRE(buf != NULL);
    memcpy(buf, data, size);
    buf[size] = '\0';
    argv[argc++] = "yikong-kiosk";
    for (char *p = buf; argc <= MAX_ARGS;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        /* A --config could name /dev/stdin and block: files are the text mode's job. */
        if (strstr(p, "config") == NULL || strstr(p, "check") != NULL)
            argv[argc++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    argv[argc] = NULL;

    struct yk_config cfg;
    char err[1024] = "";
    bool help, version;
    yk_config_defaults(&cfg);
    if (yk_config_from_args(&cfg, argc, argv, &help, &version, err, sizeof err)) {
        /* What from_args accepts is consistent, and has a data_dir. */
        if (!help && !version) {
            REQUIRE(yk_config_validate(&cfg, err, sizeof err));
            REQUIRE(cfg.data_dir[0] == '/');
        }
    } else {
        REQUIRE(err[0] != '\0' && strlen(err) < sizeof err);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool started;
    if (!started) {
        /* The host's /etc/yikong/kiosk.conf must not change what an input does. */
        setenv("YK_CONFIG", "/dev/null", 1);
        started = true;
    }
    if (size >= 5 && memcmp(data, "ARGS\n", 5) == 0)
        fuzz_args(data + 5, size - 5);
    else
        fuzz_text(data, size);
    return 0;
}
