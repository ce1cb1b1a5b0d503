/* Tests of src/core/config.c: defaults, every key's boundaries, the file format, the
 * command line and its precedence, --now, and that the docs list every key. */
#include "check.h"
#include "core/config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The error message must contain every one of the given fragments. */
#define CHECK_ERR(err, ...)                                                                        \
    check_err(__FILE__, __LINE__, (err), (const char *[]){__VA_ARGS__, NULL})

static void check_err(const char *file, int line, const char *err, const char **parts)
{
    for (; *parts; parts++) {
        yk_checks++;
        if (!strstr(err, *parts)) {
            yk_failures++;
            fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", file, line, err, *parts);
        }
    }
}

static char tmpdir[256];
static char err[1024];

static bool parse(struct yk_config *c, const char *text)
{
    err[0] = '\0';
    return yk_config_parse_text(c, text, strlen(text), "t.conf", err, sizeof err);
}

/* Parses text over fresh defaults. */
static bool parse_fresh(struct yk_config *c, const char *text)
{
    yk_config_defaults(c);
    return parse(c, text);
}

/* yk_config_from_args over fresh defaults; argv[0] is added. */
#define ARGS(c, ...) run_args((c), (const char *[]){"yikong-kiosk", __VA_ARGS__, NULL})
static bool want_help, want_version;

static bool run_args(struct yk_config *c, const char **argv)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    yk_config_defaults(c);
    err[0] = '\0';
    /* from_args does not write to argv; main()'s argv is just not const. */
    return yk_config_from_args(c, argc, (char **)argv, &want_help, &want_version, err, sizeof err);
}

static const char *path_in_tmp(const char *name)
{
    static char paths[8][512];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
    return p;
}

/* Writes len bytes of text (all of it up to the NUL when len is -1) into tmpdir/name. */
static const char *write_file(const char *name, const char *text, size_t len)
{
    if (len == (size_t)-1)
        len = strlen(text);
    const char *p = path_in_tmp(name);
    FILE *f = fopen(p, "wb");
    if (!f) {
        perror(p);
        exit(1);
    }
    fwrite(text, 1, len, f);
    fclose(f);
    return p;
}

/* Asserts that one key accepts each of good and rejects each of bad (over defaults). */
static void key_cases(const char *key, const char **good, const char **bad)
{
    struct yk_config c;
    char line[8192];
    for (; *good; good++) {
        snprintf(line, sizeof line, "%s = %s\n", key, *good);
        yk_config_defaults(&c);
        if (!parse(&c, line)) {
            yk_failures++;
            fprintf(stderr, "key %s rejected '%s': %s\n", key, *good, err);
        }
        yk_checks++;
    }
    for (; *bad; bad++) {
        snprintf(line, sizeof line, "%s = %s\n", key, *bad);
        yk_config_defaults(&c);
        struct yk_config before = c;
        bool ok = parse(&c, line);
        yk_checks++;
        if (ok) {
            yk_failures++;
            fprintf(stderr, "key %s accepted '%s'\n", key, *bad);
        } else {
            /* The message names the file, the line and the key, and cfg is untouched. */
            char head[128];
            snprintf(head, sizeof head, "t.conf:1: %s: ", key);
            CHECK_ERR(err, head);
            /* Encoding errors say how to fix the file; all others say what is allowed. */
            if (!strstr(err, "UTF-8") && !strstr(err, "control character"))
                CHECK_ERR(err, "allowed");
            CHECK(memcmp(&before, &c, sizeof c) == 0);
        }
    }
}

#define L(...) ((const char *[]){__VA_ARGS__, NULL})

static void test_defaults(void)
{
    struct yk_config c;
    memset(&c, 0x5a, sizeof c);
    yk_config_defaults(&c);
    CHECK_STR(c.station_id, "demo-station");
    CHECK_STR(c.station_name, "益空间党群服务站");
    CHECK_STR(c.station_name_en, "Yikong Service Station");
    CHECK_STR(c.data_dir, "");
    CHECK_STR(c.hub_url, "");
    CHECK_STR(c.config_path, "");
    CHECK(c.rotation == 0);
    CHECK(c.touch_cal.a == 1 && c.touch_cal.b == 0 && c.touch_cal.c == 0);
    CHECK(c.touch_cal.d == 0 && c.touch_cal.e == 1 && c.touch_cal.f == 0);
    CHECK(c.dpi == 0);
    CHECK(c.fullscreen);
    CHECK(c.window_w == 0 && c.window_h == 0);
    CHECK_STR(c.lang, "zh");
    CHECK(c.idle_timeout_s == 90);
    CHECK(c.idle_warning_s == 10);
    CHECK(c.attract_after_s == 300);
    CHECK(c.night_mode == YK_NIGHT_DIM);
    CHECK(c.night_start_min == 1320);
    CHECK(c.night_end_min == 360);
    CHECK(c.volunteer_lock_s == 120);
    CHECK(c.retention_days == 30);
    CHECK(!c.headless);
    CHECK_STR(c.script, "");
    CHECK(c.start_time == 0);
    CHECK(!c.bench);
    CHECK(c.bench_idle_s == 30);
    CHECK(!c.check_config);
    /* The defaults are consistent by themselves. */
    CHECK(yk_config_validate(&c, err, sizeof err));
}

static void test_keys(void)
{
    char id63[64], id64[65], name127[128], name128[129], url511[512], url512[513];
    memset(id63, 'a', 63), id63[63] = '\0';
    memset(id64, 'a', 64), id64[64] = '\0';
    memset(name127, 'n', 127), name127[127] = '\0';
    memset(name128, 'n', 128), name128[128] = '\0';
    snprintf(url511, sizeof url511, "https://%0503d", 0);
    snprintf(url512, sizeof url512, "https://%0504d", 0);
    CHECK(strlen(url511) == 511 && strlen(url512) == 512);

    key_cases("station_id", L("a", "wuliqiao-01", "0", id63),
              L("", "Wuliqiao", "a_b", "a b", "站", id64));
    key_cases("station_name", L("益空间", "\"  spaced  \"", name127),
              L("", "\"\"", "\"   \"", name128, "a\tb", "\xff\xfe", "\xe7\xab", "\xc0\xaf",
                "\xed\xa0\x80"));
    key_cases("station_name_en", L("Wuliqiao Station", "x"), L("", name128));
    key_cases("hub_url",
              L("", "\"\"", "http://10.0.0.2:8080", "https://hub.example.cn/api", url511),
              L("ftp://x", "http://", "https:///path", "hub.example.cn", "\"http://a b\"", url512));
    key_cases("data_dir", L("/var/lib/yikong", "/srv/y k"), L("", "data", "./data", "~/x"));
    key_cases("language", L("zh", "en"), L("fr", "ZH", "", "zh-CN"));
    key_cases("rotation", L("0", "90", "180", "270"), L("45", "-90", "360", "90deg", "", "1e2"));
    key_cases("touch_calibration",
              L("1,0,0,0,1,0", " 0.9 , 0 , 0.05, 0, 1.1, -0.02", "0,1,0,1,0,0", "-1,0,1,0,-1,1",
                "1e0,0,0,0,1,0", "10,0,0,0,-10,0"),
              L("nan,0,0,0,1,0", "inf,0,0,0,1,0", "1e999,0,0,0,1,0", "1,0,0,0,1", "1,0,0,0,1,0,0",
                "1,2,0,2,4,0", "0,0,0,0,0,0", "1e-4,0,0,0,1e-4,0", "11,0,0,0,1,0",
                "0x1p0,0,0,0,1,0", "1,,0,0,1,0", "1,0,0,0,1,0,", "1 0 0 0 1 0", "1,0,0,0,1,abc"));
    key_cases("dpi", L("0", "50", "600", "160"),
              L("49", "601", "-1", "12abc", "+60", " ", "99999999999999999999"));
    key_cases("idle_timeout", L("15", "3600"), L("14", "3601", "0", "1.5", "0x10"));
    key_cases("idle_warning", L("3", "60"), L("2", "61"));
    key_cases("attract_after", L("0", "90", "86400"), L("-1", "86401"));
    key_cases("night_mode", L("off", "dim", "blank"), L("Dim", "on", "", "0"));
    key_cases("night_start", L("00:00", "23:59", "7:30", "22:00"),
              L("24:00", "12:60", "1230", "12:3", "-1:00", "12:00:00", "", "ab:cd", "123:00"));
    key_cases("night_end", L("06:00"), L("6"));
    key_cases("volunteer_lock", L("30", "3600"), L("29", "3601"));
    key_cases("retention_days", L("1", "3650"), L("0", "3651"));

    /* Values land in the right fields. */
    struct yk_config c;
    CHECK(parse_fresh(&c, "touch_calibration = 0.9, 0, 0.05, 0, 1.1, -0.02\n"));
    CHECK(c.touch_cal.a == 0.9 && c.touch_cal.c == 0.05 && c.touch_cal.e == 1.1 &&
          c.touch_cal.f == -0.02);
    CHECK(parse_fresh(&c, "night_start = 7:30\nnight_end = 23:59\nnight_mode = blank\n"));
    CHECK(c.night_start_min == 450 && c.night_end_min == 1439 && c.night_mode == YK_NIGHT_BLANK);
    CHECK(parse_fresh(&c, "rotation = 270\ndpi = 600\nlanguage = en\nretention_days = 3650\n"));
    CHECK(c.rotation == 270 && c.dpi == 600 && strcmp(c.lang, "en") == 0 &&
          c.retention_days == 3650);
    CHECK(parse_fresh(&c, "idle_timeout = 15\nidle_warning = 3\nattract_after = 0\n"
                          "volunteer_lock = 30\n"));
    CHECK(c.idle_timeout_s == 15 && c.idle_warning_s == 3 && c.attract_after_s == 0 &&
          c.volunteer_lock_s == 30);
    CHECK(parse_fresh(&c, "station_id = wuliqiao-01\nstation_name = 五里桥益空间\n"
                          "station_name_en = Wuliqiao\nhub_url = https://hub.example.cn\n"
                          "data_dir = /srv/yk/\n"));
    CHECK_STR(c.station_id, "wuliqiao-01");
    CHECK_STR(c.station_name, "五里桥益空间");
    CHECK_STR(c.station_name_en, "Wuliqiao");
    CHECK_STR(c.hub_url, "https://hub.example.cn");
    CHECK_STR(c.data_dir, "/srv/yk");

    /* Messages say what is allowed. */
    CHECK(!parse_fresh(&c, "rotation = 45\n"));
    CHECK_ERR(err, "t.conf:1: rotation:", "'45'", "0, 90, 180 or 270");
    CHECK(!parse_fresh(&c, "idle_timeout = 12abc\n"));
    CHECK_ERR(err, "idle_timeout", "'12abc' is not a whole number", "15..3600");
    CHECK(!parse_fresh(&c, "idle_timeout = 99999999999999999999\n"));
    CHECK_ERR(err, "out of range");
    CHECK(!parse_fresh(&c, "touch_calibration = 1,2,0,2,4,0\n"));
    CHECK_ERR(err, "degenerate");
    CHECK(!parse_fresh(&c, "station_name = \"\xff\"\n"));
    CHECK_ERR(err, "t.conf:1: station_name:", "UTF-8");
}

static void test_file_format(void)
{
    struct yk_config c;
    /* Comments, blank lines, spaces, trailing comments, '#' that is not a comment. */
    CHECK(parse_fresh(&c, "# a comment\n\n   \t\n  # indented comment\n"
                          "  station_id\t=  wuliqiao-02   # the riverside one\n"
                          "hub_url = http://hub.local/#frag # comment\n"
                          "station_name = A#B\n"
                          "station_name_en = x # y\n"));
    CHECK_STR(c.station_id, "wuliqiao-02");
    CHECK_STR(c.hub_url, "http://hub.local/#frag");
    CHECK_STR(c.station_name, "A#B");
    CHECK_STR(c.station_name_en, "x");
    CHECK(parse_fresh(&c, "hub_url = http://h\nhub_url = # only a comment\n"));
    CHECK_STR(c.hub_url, "");
    CHECK(!parse_fresh(&c, "station_name_en = # only a comment\n"));
    CHECK_ERR(err, "t.conf:1: station_name_en:", "empty");

    /* Quotes keep spaces and " #"; \" and \\ are escapes. */
    CHECK(parse_fresh(&c, "station_name = \"  Room \\\"A\\\" # 1 \\\\ 2 \"  # comment\n"));
    CHECK_STR(c.station_name, "  Room \"A\" # 1 \\ 2 ");
    CHECK(parse_fresh(&c, "hub_url = \"\"\n"));
    CHECK_STR(c.hub_url, "");
    CHECK(!parse_fresh(&c, "station_name = \"open\n"));
    CHECK_ERR(err, "t.conf:1:", "closing");
    CHECK(!parse_fresh(&c, "station_name = \"a\" b\n"));
    CHECK_ERR(err, "t.conf:1:", "after the closing");
    CHECK(!parse_fresh(&c, "station_name = \"a\\n\"\n"));
    CHECK_ERR(err, "escape");

    /* Duplicates: the last wins. */
    CHECK(parse_fresh(&c, "rotation = 90\nrotation = 180\n"));
    CHECK(c.rotation == 180);

    /* BOM, CRLF, no newline at the end. */
    CHECK(parse_fresh(&c, "\xEF\xBB\xBFrotation = 90\r\nstation_id = crlf\r\ndpi = 120"));
    CHECK(c.rotation == 90 && c.dpi == 120);
    CHECK_STR(c.station_id, "crlf");
    CHECK(parse_fresh(&c, "\xEF\xBB\xBF"));
    CHECK(parse_fresh(&c, ""));
    /* A BOM anywhere else is not one. */
    CHECK(!parse_fresh(&c, "dpi = 120\n\xEF\xBB\xBFrotation = 90\n"));
    CHECK_ERR(err, "t.conf:2:");
    /* A lone CR inside a line is a control character. */
    CHECK(!parse_fresh(&c, "station_name = a\rb\n"));
    CHECK_ERR(err, "t.conf:1:", "control character");

    /* NUL bytes, with the line number. */
    {
        static const char text[] = "dpi = 120\nrotation = 9\0000\n";
        yk_config_defaults(&c);
        CHECK(!yk_config_parse_text(&c, text, sizeof text - 1, "nul.conf", err, sizeof err));
        CHECK_ERR(err, "nul.conf:2:", "NUL");
        static const char comment[] = "# \0\n";
        CHECK(!yk_config_parse_text(&c, comment, sizeof comment - 1, "nul.conf", err, sizeof err));
        CHECK_ERR(err, "nul.conf:1:", "NUL");
    }

    /* Lines: 4096 bytes is fine, 4097 is not (CR of CRLF not counted). */
    {
        static char text[8192];
        size_t pre = strlen("station_name = \"");
        memcpy(text, "station_name = \"", pre);
        memset(text + pre, 'x', 4096 - pre - 1);
        text[4095] = '"';
        memcpy(text + 4096, "\r\n", 3);
        yk_config_defaults(&c);
        bool ok = parse(&c, text);
        CHECK(!ok); /* the name itself is too long, but not the line */
        CHECK_ERR(err, "t.conf:1: station_name:", "bytes long");
        memcpy(text, "# ", 2);
        CHECK(parse_fresh(&c, text));
        memset(text, '#', 4097);
        memcpy(text + 4097, "\n", 2);
        CHECK(!parse_fresh(&c, text));
        CHECK_ERR(err, "t.conf:1:", "4097 bytes", "4096");
        memcpy(text, "dpi = 100\n", 10);
        memset(text + 10, '#', 4097);
        memcpy(text + 10 + 4097, "\n", 2);
        CHECK(!parse_fresh(&c, text));
        CHECK_ERR(err, "t.conf:2:", "4096");
    }

    /* Unknown keys: line number, suggestion, never silently ignored. */
    CHECK(!parse_fresh(&c, "# header\n\nrotaton = 90\n"));
    CHECK_STR(err, "t.conf:3: unknown key 'rotaton' (did you mean 'rotation'?)");
    CHECK(!parse_fresh(&c, "Rotation = 90\n"));
    CHECK_ERR(err, "t.conf:1:", "'Rotation'", "did you mean 'rotation'");
    CHECK(!parse_fresh(&c, "idle-timeout = 90\n"));
    CHECK_ERR(err, "did you mean 'idle_timeout'");
    CHECK(!parse_fresh(&c, "idle_timeout_s = 90\n"));
    CHECK_ERR(err, "did you mean 'idle_timeout'");
    CHECK(!parse_fresh(&c, "volume = 3\n"));
    CHECK_ERR(err, "t.conf:1: unknown key 'volume'");
    CHECK(!strstr(err, "did you mean"));
    CHECK(!parse_fresh(&c, "headless = 1\n"));
    CHECK_ERR(err, "command-line option", "--headless");
    CHECK(!parse_fresh(&c, "\xe6\x97\x8b\xe8\xbd\xac\xff = 90\n"));
    CHECK_ERR(err, "unknown key '旋转\\xff'");

    /* Malformed lines. */
    CHECK(!parse_fresh(&c, "rotation 90\n"));
    CHECK_ERR(err, "t.conf:1:", "key = value");
    CHECK(!parse_fresh(&c, " = 90\n"));
    CHECK_ERR(err, "missing key");

    /* A failed parse leaves cfg as it was, even after good lines. */
    yk_config_defaults(&c);
    CHECK(!parse(&c, "rotation = 90\nstation_id = ok\ndpi = 7\n"));
    CHECK_ERR(err, "t.conf:3: dpi:");
    CHECK(c.rotation == 0);
    CHECK_STR(c.station_id, "demo-station");

    /* err may be small or absent. */
    char small[8];
    yk_config_defaults(&c);
    CHECK(!yk_config_parse_text(&c, "x", 1, "t", small, sizeof small));
    CHECK(strlen(small) == 7);
    CHECK(!yk_config_parse_text(&c, "x", 1, "t", NULL, 0));
}

static void test_load_file(void)
{
    struct yk_config c;
    yk_config_defaults(&c);
    CHECK(yk_config_load_file(&c, path_in_tmp("missing.conf"), false, err, sizeof err));
    CHECK_STR(c.config_path, "");
    CHECK(!yk_config_load_file(&c, path_in_tmp("missing.conf"), true, err, sizeof err));
    CHECK_ERR(err, "missing.conf", "No such file");
    CHECK(!yk_config_load_file(&c, tmpdir, false, err, sizeof err));
    CHECK_ERR(err, "directory");

    const char *p = write_file("good.conf", "rotation = 180\n", (size_t)-1);
    CHECK(yk_config_load_file(&c, p, true, err, sizeof err));
    CHECK(c.rotation == 180);
    CHECK_STR(c.config_path, p);

    p = write_file("bad.conf", "\n\nrotation = 100\n", (size_t)-1);
    CHECK(!yk_config_load_file(&c, p, true, err, sizeof err));
    CHECK_ERR(err, "bad.conf:3: rotation:");

    static char big[1024 * 1024 + 2];
    memset(big, '\n', sizeof big);
    p = write_file("big.conf", big, sizeof big);
    CHECK(!yk_config_load_file(&c, p, true, err, sizeof err));
    CHECK_ERR(err, "larger than");
    p = write_file("big.conf", big, 1024 * 1024);
    CHECK(yk_config_load_file(&c, p, true, err, sizeof err));
}

static void test_args(void)
{
    struct yk_config c;
    const char *file = write_file("a.conf",
                                  "idle_timeout = 100\nstation_id = from-file\n"
                                  "rotation = 90\n",
                                  (size_t)-1);
    char cfgopt[600];
    snprintf(cfgopt, sizeof cfgopt, "--config=%s", file);

    /* Spellings of an option. */
    CHECK(ARGS(&c, "--station-id", "x1", "--idle_timeout", "30", "--night-mode=off"));
    CHECK_STR(c.station_id, "x1");
    CHECK(c.idle_timeout_s == 30 && c.night_mode == YK_NIGHT_OFF);
    CHECK(ARGS(&c, "--station_id=x2", "--idle-timeout=31", "--hub-url="));
    CHECK_STR(c.station_id, "x2");
    CHECK(c.idle_timeout_s == 31);
    CHECK(ARGS(&c, "--lang", "en"));
    CHECK_STR(c.lang, "en");
    CHECK(ARGS(&c, "--language=en"));
    CHECK_STR(c.lang, "en");
    CHECK(ARGS(&c, "--touch-calibration", "0,1,0,1,0,0", "--rotation", "90"));
    CHECK(c.touch_cal.b == 1 && c.touch_cal.a == 0 && c.rotation == 90);

    /* Precedence: defaults < file < options, wherever --config stands. */
    CHECK(ARGS(&c, "--config", file));
    CHECK(c.idle_timeout_s == 100 && c.rotation == 90);
    CHECK_STR(c.station_id, "from-file");
    CHECK_STR(c.config_path, file);
    CHECK(c.dpi == 0); /* not in the file: default */
    CHECK(ARGS(&c, "--idle-timeout", "200", "--rotation=180", cfgopt));
    CHECK(c.idle_timeout_s == 200 && c.rotation == 180);
    CHECK_STR(c.station_id, "from-file");
    CHECK(ARGS(&c, "--rotation", "180", "--rotation", "270"));
    CHECK(c.rotation == 270);

    /* YK_CONFIG names the file; --config wins over it. */
    const char *env_file = write_file("env.conf", "rotation = 270\n", (size_t)-1);
    setenv("YK_CONFIG", env_file, 1);
    CHECK(ARGS(&c, "--dpi", "100"));
    CHECK(c.rotation == 270);
    CHECK_STR(c.config_path, env_file);
    CHECK(ARGS(&c, "--config", file));
    CHECK(c.rotation == 90);
    CHECK_STR(c.config_path, file);
    setenv("YK_CONFIG", path_in_tmp("no-such.conf"), 1);
    CHECK(!ARGS(&c, "--dpi", "100"));
    CHECK_ERR(err, "no-such.conf");
    setenv("YK_CONFIG", path_in_tmp("empty.conf"), 1);

    /* --config problems. */
    CHECK(!ARGS(&c, "--config", path_in_tmp("nope.conf")));
    CHECK_ERR(err, "nope.conf", "No such file");
    CHECK(!ARGS(&c, "--config", file, cfgopt));
    CHECK_ERR(err, "twice");
    const char *bad = write_file("bad2.conf", "rotaton = 90\n", (size_t)-1);
    CHECK(!ARGS(&c, "--config", bad));
    CHECK_ERR(err, "bad2.conf:1: unknown key 'rotaton' (did you mean 'rotation'?)");

    /* Option errors name the option. */
    CHECK(!ARGS(&c, "--rotaton", "90"));
    CHECK_ERR(err, "unknown option '--rotaton'", "did you mean '--rotation'");
    CHECK(!ARGS(&c, "--check_confg"));
    CHECK_ERR(err, "did you mean '--check-config'");
    CHECK(!ARGS(&c, "--frobnicate"));
    CHECK_ERR(err, "unknown option '--frobnicate'");
    CHECK(!ARGS(&c, "kiosk.conf"));
    CHECK_ERR(err, "unexpected argument 'kiosk.conf'");
    CHECK(!ARGS(&c, "-x"));
    CHECK_ERR(err, "unknown option '-x'");
    CHECK(!ARGS(&c, "--"));
    CHECK(!ARGS(&c, "--rotation"));
    CHECK_ERR(err, "--rotation needs a value");
    CHECK(!ARGS(&c, "--script", "--headless"));
    CHECK_ERR(err, "--script needs a value");
    CHECK(!ARGS(&c, "--headless=yes"));
    CHECK_ERR(err, "--headless takes no value");
    CHECK(!ARGS(&c, "--rotation", "45"));
    CHECK_ERR(err, "option --rotation:", "'45'", "0, 90, 180 or 270");
    CHECK(!ARGS(&c, "--idle_timeout=12abc"));
    CHECK_ERR(err, "option --idle_timeout:", "12abc");
    CHECK(!ARGS(&c, "--dpi", " 60"));
    CHECK(!ARGS(&c, "--station-name", "a\nb"));
    CHECK_ERR(err, "control character");

    /* --window. */
    CHECK(ARGS(&c, "--window", "800x480"));
    CHECK(!c.fullscreen && c.window_w == 800 && c.window_h == 480 && !c.headless);
    CHECK(ARGS(&c, "--window=200x8192"));
    CHECK(c.window_w == 200 && c.window_h == 8192);
    const char *bad_sizes[] = {"199x480",         "800x8193",  "800x",     "x480",
                               "800*480",         "800x480x2", "-800x480", "800 x 480",
                               "99999999999x480", ""};
    for (size_t i = 0; i < sizeof bad_sizes / sizeof *bad_sizes; i++) {
        CHECK(!ARGS(&c, "--window", bad_sizes[i]));
        CHECK_ERR(err, "--window", "200..8192");
    }

    /* --headless rules. */
    const char *script = write_file("s.txt", "tap 1 1\n", (size_t)-1);
    CHECK(ARGS(&c, "--headless", "--size", "720x1280", "--script", script));
    CHECK(c.headless && !c.fullscreen && c.window_w == 720 && c.window_h == 1280);
    CHECK_STR(c.script, script);
    CHECK(ARGS(&c, "--script=-", "--size=800x480", "--headless"));
    CHECK_STR(c.script, "-");
    CHECK(!ARGS(&c, "--headless"));
    CHECK_ERR(err, "--headless needs --size");
    CHECK(!ARGS(&c, "--headless", "--size", "800x480"));
    CHECK_ERR(err, "--headless needs --script");
    CHECK(!ARGS(&c, "--headless", "--script", "-"));
    CHECK_ERR(err, "--headless needs --size");
    CHECK(!ARGS(&c, "--script", "-"));
    CHECK_ERR(err, "--script only works with --headless");
    CHECK(!ARGS(&c, "--size", "800x480"));
    CHECK_ERR(err, "--size only works with --headless");
    CHECK(!ARGS(&c, "--headless", "--window", "800x480", "--script", "-"));
    CHECK_ERR(err, "cannot be combined");
    CHECK(!ARGS(&c, "--headless", "--size", "800x480", "--script", path_in_tmp("nope.txt")));
    CHECK_ERR(err, "cannot read", "nope.txt");

    /* --bench, --bench-idle, --check-config. */
    CHECK(ARGS(&c, "--bench"));
    CHECK(c.bench && c.bench_idle_s == 30);
    CHECK(ARGS(&c, "--bench", "--bench-idle", "0"));
    CHECK(c.bench_idle_s == 0);
    CHECK(ARGS(&c, "--bench-idle=3600", "--bench"));
    CHECK(c.bench_idle_s == 3600);
    CHECK(!ARGS(&c, "--bench", "--bench-idle", "3601"));
    CHECK_ERR(err, "--bench-idle");
    CHECK(!ARGS(&c, "--bench-idle", "10"));
    CHECK_ERR(err, "--bench-idle only works with --bench");
    CHECK(ARGS(&c, "--check-config"));
    CHECK(c.check_config);

    /* --help and --version skip everything else, even a missing config file. */
    CHECK(ARGS(&c, "--config", path_in_tmp("nope.conf"), "--help"));
    CHECK(want_help && !want_version);
    CHECK(ARGS(&c, "--version"));
    CHECK(want_version && !want_help);
    CHECK(ARGS(&c, "-h"));
    CHECK(want_help);
    CHECK(ARGS(&c, "--dpi", "100"));
    CHECK(!want_help && !want_version);
    CHECK(!ARGS(&c, "--help=1"));

    /* Relations are checked after every source. */
    CHECK(!ARGS(&c, "--idle-timeout", "600"));
    CHECK_ERR(err, "attract_after (300)", "idle_timeout (600)");
    CHECK(ARGS(&c, "--idle-timeout", "600", "--attract-after", "0"));
    CHECK(!ARGS(&c, "--idle-warning", "20", "--idle-timeout", "20"));
    CHECK_ERR(err, "idle_warning (20) must be less than idle_timeout (20)");
}

static void test_now(void)
{
    struct yk_config c;
    long long t = 0;
    CHECK(ARGS(&c, "--now", "2026-12-01T09:00:00+08:00"));
    CHECK(c.start_time == 1796086800LL);
    CHECK(ARGS(&c, "--now=2026-12-01T01:00:00Z"));
    CHECK(c.start_time == 1796086800LL);
    CHECK(ARGS(&c, "--now", "2026-12-01 09:00"));
    CHECK(c.start_time == 1796086800LL);
    CHECK(yk_config_parse_time("2026-12-01T09:00", &t, err, sizeof err) && t == 1796086800LL);
    CHECK(yk_config_parse_time("2026-12-01 09:00:00", &t, err, sizeof err) && t == 1796086800LL);
    CHECK(yk_config_parse_time("2026-12-01T09:30:00-05:00", &t, err, sizeof err) &&
          t == 1796135400LL);
    CHECK(yk_config_parse_time("2028-02-29 12:00", &t, err, sizeof err) && t == 1835409600LL);
    CHECK(yk_config_parse_time("2000-01-01T00:00:00Z", &t, err, sizeof err) && t == 946684800LL);
    CHECK(yk_config_parse_time("9999-12-31T23:59:59Z", &t, err, sizeof err) && t == 253402300799LL);
    const char *bad[] = {"2026-02-30 09:00",
                         "2026-02-29 09:00",
                         "2100-02-29 00:00",
                         "2026-13-01 00:00",
                         "2026-00-10 00:00",
                         "2026-04-31 00:00",
                         "2026-12-01T24:00:00Z",
                         "2026-12-01T09:60Z",
                         "2026-12-01T09:00:60Z",
                         "2026-12-01T09:00:00+15:00",
                         "2026-12-01T09:00:00+08",
                         "2026-12-01",
                         "2026-12-01T09:00:00.5Z",
                         "2026-12-01T9:00",
                         "26-12-01 09:00",
                         "1999-12-31T23:59:59Z",
                         "2026-12-01 09:00 ",
                         "2026-12-01T09:00:00z",
                         "now",
                         ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        t = -1;
        bool ok = yk_config_parse_time(bad[i], &t, err, sizeof err);
        yk_checks++;
        if (ok) {
            yk_failures++;
            fprintf(stderr, "--now accepted '%s'\n", bad[i]);
        }
        CHECK(t == -1);
    }
    CHECK(!ARGS(&c, "--now", "2026-02-30 09:00"));
    CHECK_ERR(err, "option --now:", "2026-02-30");
}

static void test_data_dir(void)
{
    struct yk_config c;
    char buf[512], cwd[400], want[512];
    setenv("HOME", "/home/tester/", 1);
    unsetenv("XDG_DATA_HOME");
    CHECK(yk_config_default_data_dir(buf, sizeof buf, false));
    CHECK_STR(buf, "/home/tester/.local/share/yikong");
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    CHECK(yk_config_default_data_dir(buf, sizeof buf, false));
    CHECK_STR(buf, "/home/tester/.local/share/yikong");
    setenv("XDG_DATA_HOME", "/xdg", 1);
    CHECK(yk_config_default_data_dir(buf, sizeof buf, false));
    CHECK_STR(buf, "/xdg/yikong");
    /* Fullscreen prefers /var/lib/yikong only when it is there and writable. */
    CHECK(yk_config_default_data_dir(buf, sizeof buf, true));
    struct stat st;
    bool system_dir = stat("/var/lib/yikong", &st) == 0 && S_ISDIR(st.st_mode) &&
                      access("/var/lib/yikong", W_OK | X_OK) == 0;
    CHECK_STR(buf, system_dir ? "/var/lib/yikong" : "/xdg/yikong");
    /* Too small a buffer is an error, not a truncated path. */
    char tiny[8];
    CHECK(!yk_config_default_data_dir(tiny, sizeof tiny, false));
    CHECK_STR(tiny, "");

    /* from_args fills it in by fullscreen; the file or an option overrides it. */
    CHECK(ARGS(&c, "--window", "800x480"));
    CHECK_STR(c.data_dir, "/xdg/yikong");
    CHECK(ARGS(&c, "--data-dir", "/srv/data/"));
    CHECK_STR(c.data_dir, "/srv/data");
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    snprintf(want, sizeof want, "%s/rel/dir", strcmp(cwd, "/") == 0 ? "" : cwd);
    CHECK(ARGS(&c, "--data_dir=./rel/dir"));
    CHECK_STR(c.data_dir, want);
    char longdir[600];
    memset(longdir, 'd', sizeof longdir - 1);
    longdir[0] = '/';
    longdir[sizeof longdir - 1] = '\0';
    CHECK(!ARGS(&c, "--data-dir", longdir));
    CHECK_ERR(err, "--data-dir", "bytes long");
    unsetenv("XDG_DATA_HOME");
}

static void test_validate(void)
{
    struct yk_config c;
    yk_config_defaults(&c);
    c.idle_timeout_s = 20;
    c.idle_warning_s = 20;
    CHECK(!yk_config_validate(&c, err, sizeof err));
    CHECK_ERR(err, "idle_warning (20)", "idle_timeout (20)");
    yk_config_defaults(&c);
    c.attract_after_s = 89;
    CHECK(!yk_config_validate(&c, err, sizeof err));
    CHECK_ERR(err, "attract_after (89)");
    c.attract_after_s = 90;
    CHECK(yk_config_validate(&c, err, sizeof err));
    c.attract_after_s = 0;
    CHECK(yk_config_validate(&c, err, sizeof err));
    c.night_start_min = c.night_end_min = 600;
    CHECK(!yk_config_validate(&c, err, sizeof err));
    CHECK_ERR(err, "night_start and night_end", "10:00", "night_mode = off");
    c.night_mode = YK_NIGHT_OFF;
    CHECK(yk_config_validate(&c, err, sizeof err));
    /* Fields set directly by code are checked too. */
    yk_config_defaults(&c);
    c.rotation = 45;
    CHECK(!yk_config_validate(&c, err, sizeof err));
    yk_config_defaults(&c);
    c.touch_cal.a = 0;
    c.touch_cal.e = 0;
    CHECK(!yk_config_validate(&c, err, sizeof err));
    CHECK_ERR(err, "touch_calibration", "degenerate");
    yk_config_defaults(&c);
    c.dpi = 10;
    CHECK(!yk_config_validate(&c, err, sizeof err));
    CHECK_ERR(err, "dpi");
    yk_config_defaults(&c);
    c.headless = true;
    CHECK(!yk_config_validate(&c, err, sizeof err));
    yk_config_defaults(&c);
    strcpy(c.station_id, "Bad");
    CHECK(!yk_config_validate(&c, err, sizeof err));
}

/* Reads a whole stream written by the module under test. */
static char *capture(void (*fn)(const struct yk_config *, void *), const struct yk_config *c,
                     bool help)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (help)
        yk_config_print_help(f);
    else
        fn(c, f);
    fclose(f);
    return buf;
}

static void test_write_roundtrip(void)
{
    struct yk_config a, b;
    CHECK(parse_fresh(&a, "station_name = \"  a \\\"q\\\" \\\\ # b \"\nstation_id = r-1\n"
                          "touch_calibration = 0.1, 0.2, 0.3, -0.4, 0.7, 1e-3\n"
                          "hub_url = https://h/#x\ndata_dir = /d\nnight_mode = off\n"
                          "night_start = 0:05\nlanguage = en\nrotation = 90\n"));
    char *text = capture(yk_config_write, &a, false);
    yk_config_defaults(&b);
    CHECK(parse(&b, text));
    CHECK_STR(b.station_name, a.station_name);
    CHECK_STR(b.station_id, "r-1");
    CHECK_STR(b.hub_url, "https://h/#x");
    CHECK_STR(b.data_dir, "/d");
    CHECK_STR(b.lang, "en");
    CHECK(memcmp(&a.touch_cal, &b.touch_cal, sizeof a.touch_cal) == 0);
    CHECK(b.night_mode == YK_NIGHT_OFF && b.night_start_min == 5 && b.rotation == 90);
    free(text);
}

/* Every key is documented in the --help text, the README and the example config. */
static void test_docs_list_every_key(void)
{
    struct yk_config c;
    yk_config_defaults(&c);
    strcpy(c.data_dir, "/d");
    char *keys = capture(yk_config_write, &c, false);
    char *help = capture(NULL, NULL, true);
    const char *src = getenv("YK_SOURCE_DIR") ? getenv("YK_SOURCE_DIR") : ".";
    const char *docs[] = {"src/core/README.md", "kiosk-image/yikong.conf.example"};
    char *doc_text[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++) {
        char p[600];
        snprintf(p, sizeof p, "%s/%s", src, docs[i]);
        FILE *f = fopen(p, "rb");
        CHECK(f != NULL);
        if (!f)
            continue;
        doc_text[i] = calloc(1, 1 << 20);
        CHECK(fread(doc_text[i], 1, (1 << 20) - 1, f) > 0);
        fclose(f);
    }
    int nkeys = 0;
    for (char *line = strtok(keys, "\n"); line; line = strtok(NULL, "\n")) {
        char *eq = strstr(line, " = ");
        if (line[0] == '#' || !eq)
            continue;
        *eq = '\0';
        nkeys++;
        char opt[64], pat[80];
        snprintf(opt, sizeof opt, "--%s", line);
        for (char *p = opt + 2; *p; p++)
            if (*p == '_')
                *p = '-';
        CHECK(strstr(help, opt) != NULL);
        snprintf(pat, sizeof pat, "`%s`", line);
        if (doc_text[0] && !strstr(doc_text[0], pat)) {
            yk_failures++;
            fprintf(stderr, "src/core/README.md does not list `%s`\n", line);
        }
        snprintf(pat, sizeof pat, "\n# %s = ", line);
        if (doc_text[1] && !strstr(doc_text[1], pat)) {
            yk_failures++;
            fprintf(stderr, "kiosk-image/yikong.conf.example lacks '# %s = '\n", line);
        }
        yk_checks += 2;
    }
    CHECK(nkeys == 20); /* setup_code is written as a comment: a secret */
    free(keys);
    free(help);
    free(doc_text[0]);
    free(doc_text[1]);
}

/* The sync keys: ranges, the setup code's shape, and the code never echoed or printed. */
static void test_sync_keys(void)
{
    struct yk_config c;
    yk_config_defaults(&c);
    CHECK(c.sync_interval_s == 60 && c.heartbeat_interval_s == 300 && c.setup_code[0] == '\0');
    key_cases("sync_interval", L("10", "60", "3600"), L("9", "3601", "0", "1m"));
    key_cases("heartbeat_interval", L("30", "300", "86400"), L("29", "86401", "x"));
    CHECK(c.seat_block == 4);
    key_cases("seat_block", L("0", "1", "4", "50"), L("-1", "51", "x", "4 seats"));
    key_cases("setup_code", L("", "SZKX-NTPX-ZAY7-Q7Y5", "szkxntpxzay7q7y5", "SZKX NTPX ZAY7 Q7Y5"),
              L("SZKX-NTPX", "SZKX-NTPX-ZAY7-Q7Y5-XXXX", "SZKX_NTPX_ZAY7_Q7Y5",
                "SZKX-NTPX-ZAY7-Q7YU")); /* U is never in a code */
    yk_config_defaults(&c);
    CHECK(!parse(&c, "setup_code = SECRETSECRET%%%%\n"));
    CHECK(strstr(err, "SECRET") == NULL);
    yk_config_defaults(&c);
    CHECK(parse(&c, "setup_code = SZKX-NTPX-ZAY7-Q7Y5\nsync_interval = 15\n"));
    CHECK_STR(c.setup_code, "SZKX-NTPX-ZAY7-Q7Y5");
    char *text = capture(yk_config_write, &c, false);
    CHECK(strstr(text, "SZKX") == NULL);
    CHECK(strstr(text, "# setup_code: set (not shown)") != NULL);
    CHECK(strstr(text, "sync_interval = 15") != NULL);
    free(text);
}

static void test_cli(void)
{
    struct yk_config c;
    /* The front end main() uses: exit statuses. Output goes to the test log. */
    CHECK(yk_config_cli(&c, 3, (char *[]){"yikong-kiosk", "--rotation", "45", NULL}, "t") == 2);
    CHECK(yk_config_cli(&c, 2, (char *[]){"yikong-kiosk", "--version", NULL}, "t") == 0);
    CHECK(yk_config_cli(&c, 3, (char *[]){"yikong-kiosk", "--window", "800x480", NULL}, "t") == -1);
    CHECK(!c.fullscreen && c.window_w == 800);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/yk_config_XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    /* Keep the host's /etc/yikong/kiosk.conf (if any) out of the tests. */
    setenv("YK_CONFIG", write_file("empty.conf", "", 0), 1);
    setenv("HOME", tmpdir, 1);
    unsetenv("XDG_DATA_HOME");

    test_defaults();
    test_keys();
    test_file_format();
    test_load_file();
    test_args();
    test_now();
    test_data_dir();
    test_validate();
    test_write_roundtrip();
    test_docs_list_every_key();
    test_sync_keys();
    test_cli();

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    printf("test_config: %d yk_checks, %d failed\n", yk_checks, yk_failures);
    return yk_test_done();
}
