/* Fuzz target: the kiosk's changes-page parser and applier (yk_sync_apply_page) on a real
 * database with the sample content. Whatever the input: no crash, no sanitizer report, and
 * either the page is applied with its cursor or nothing changes (the cursor stays). */
#include "fuzz/require.h"
#include "core/db.h"
#include "core/log.h"
#include "core/sync.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct yk_db db;
static char dir[] = "/tmp/yk-fuzz-sync-XXXXXX";

static void cleanup(void)
{
    yk_db_close(&db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool started;
    if (!started) {
        yk_log_set_level(YK_LOG_ERROR);
        REQUIRE(mkdtemp(dir));
        char path[64];
        snprintf(path, sizeof path, "%s/kiosk.db", dir);
        struct yk_db_params p = {.path = path, .seed_sample = true, .now_ms = 1796086800000LL};
        REQUIRE(yk_db_open(&db, &p));
        atexit(cleanup);
        started = true;
    }
    int64_t before = yk_sync_cursor(&db);
    struct yk_sync_page_result r;
    char err[256];
    bool ok = yk_sync_apply_page(&db, (const char *)data, size, &r, err, sizeof err);
    if (ok)
        REQUIRE(yk_sync_cursor(&db) == r.cursor);
    else
        REQUIRE(yk_sync_cursor(&db) == before && err[0] != '\0');
    REQUIRE(sqlite3_get_autocommit(db.handle) != 0); /* no transaction left open */
    return 0;
}
