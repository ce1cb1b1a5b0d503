/* Test fixture: replaces the teaching sites of a data directory's database with n generated
 * ones — clearly test data ("测试教学点 17 / Test site 17") — and gives this kiosk's station
 * ("demo-station", the config default) a river position.
 *
 *   make_sites DATA_DIR N [STATION_POS_M | none]
 *
 * Sites i = 1..n: every sixth has no position, the others are spread over 0..3000 m; every
 * fourth has no English name (the UI falls back to Chinese); every seventh has a long name;
 * sites 1, 2 and every 25th have a generated PNG photo, site 3 a photo whose bytes are not
 * an image (the page must still look right) and site 4 a photo hash with no media row.
 * Prints nothing; exits non-zero on any error. */
#include "core/db.h"

#include <SDL.h>
#include <SDL_image.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, struct yk_db *db)
{
    fprintf(stderr, "make_sites: %s: %s\n", what,
            db && db->handle ? sqlite3_errmsg(db->handle) : "");
    return 1;
}

static bool exec(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return false;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

/* A small PNG: a warm gradient with a red band, different for each seed. The caller frees
 * *out. */
static bool make_png(int seed, unsigned char **out, size_t *len)
{
    int w = 320 + seed % 3 * 40, h = 200;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!s)
        return false;
    for (int y = 0; y < h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < w; x++) {
            int r = 0xF0 - y / 4, g = 0xD8 - y / 3 + (x * seed) % 16, b = 0xB0 - y / 2;
            if (y > h * 2 / 3 && y < h * 2 / 3 + 16)
                r = 0xB8, g = 0x14, b = 0x1B;
            row[x] = SDL_MapRGB(s->format, (Uint8)r, (Uint8)g, (Uint8)b);
        }
    }
    size_t cap = (size_t)w * h * 4 + 4096;
    unsigned char *buf = malloc(cap);
    SDL_RWops *rw = buf ? SDL_RWFromMem(buf, (int)cap) : NULL;
    bool ok = rw && IMG_SavePNG_RW(s, rw, 0) == 0;
    if (ok)
        *len = (size_t)SDL_RWtell(rw);
    if (rw)
        SDL_RWclose(rw);
    SDL_FreeSurface(s);
    if (!ok) {
        free(buf);
        return false;
    }
    *out = buf;
    return true;
}

static bool add_media(struct yk_db *db, const unsigned char *bytes, size_t len, char hex[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, bytes, len, NULL, 0);
    sodium_bin2hex(hex, 65, h, sizeof h);
    sqlite3_stmt *st =
        yk_db_prepare(db, "INSERT OR REPLACE INTO media (hash, mime, bytes) VALUES (?1, ?2, ?3)");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, "image/png", -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, bytes, (int)len, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: make_sites DATA_DIR N [STATION_POS_M|none]\n");
        return 2;
    }
    int n = atoi(argv[2]);
    int here = argc > 3 ? (strcmp(argv[3], "none") == 0 ? -1 : atoi(argv[3])) : 1200;
    if (sodium_init() < 0)
        return 1;
    char path[4096];
    snprintf(path, sizeof path, "%s/kiosk.db", argv[1]);
    struct yk_db db;
    if (!yk_db_open(&db, &(struct yk_db_params){.path = path, .seed_sample = true}))
        return fail("open", NULL);
    if (!yk_db_begin(&db))
        return fail("begin", &db);
    if (!exec(&db, "DELETE FROM sites"))
        return fail("delete sites", &db);
    sqlite3_stmt *stn =
        yk_db_prepare(&db, "INSERT INTO stations (id, sort, name_zh, name_en, river_pos_m) "
                           "VALUES ('demo-station', 0, '测试服务站', 'Test station', ?1) "
                           "ON CONFLICT (id) DO UPDATE SET river_pos_m = excluded.river_pos_m");
    if (!stn)
        return fail("station", &db);
    if (here >= 0)
        sqlite3_bind_int(stn, 1, here);
    else
        sqlite3_bind_null(stn, 1);
    int rc = sqlite3_step(stn);
    sqlite3_finalize(stn);
    if (rc != SQLITE_DONE)
        return fail("station", &db);

    sqlite3_stmt *ins = yk_db_prepare(
        &db, "INSERT INTO sites (id, sort, name_zh, name_en, intro_zh, intro_en, hours_zh, "
             "hours_en, location_zh, location_en, river_pos_m, photo_hash, link_url) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (!ins)
        return fail("prepare", &db);
    int placed = n - n / 6;
    int k = 0;
    for (int i = 1; i <= n; i++) {
        char id[32], zh[160], en[160], url[96], loc_zh[96], loc_en[96], hex[65] = "";
        snprintf(id, sizeof id, "test-%d", i);
        if (i % 7 == 0) {
            snprintf(zh, sizeof zh, "测试教学点 %d（名称较长的示例，用来检查换行）", i);
            snprintf(en, sizeof en, "Test site %d (a longer name to check that it wraps)", i);
        } else {
            snprintf(zh, sizeof zh, "测试教学点 %d", i);
            snprintf(en, sizeof en, "Test site %d", i);
        }
        snprintf(url, sizeof url, "https://hub.example.cn/site/test-%d", i);
        int pos = -1;
        if (i % 6 != 0) {
            pos = placed > 1 ? k * 3000 / (placed - 1) : 1500;
            k++;
        }
        sqlite3_reset(ins);
        sqlite3_clear_bindings(ins);
        sqlite3_bind_text(ins, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 2, i);
        sqlite3_bind_text(ins, 3, zh, -1, SQLITE_TRANSIENT);
        if (i % 4 != 3)
            sqlite3_bind_text(ins, 4, en, -1, SQLITE_TRANSIENT);
        if (i % 2 == 1) {
            sqlite3_bind_text(ins, 5,
                              "测试数据：这是一段教学点介绍，说明它在滨江的历史和可以参观的内容。",
                              -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 6,
                              "Test data: an introduction to the site, its history on the "
                              "riverside and what there is to see.",
                              -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 7, "09:00–17:00（周一闭馆）", -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 8, "09:00–17:00 (closed on Mondays)", -1, SQLITE_STATIC);
            snprintf(loc_zh, sizeof loc_zh, "滨江步道测试路段 %d 号", i);
            snprintf(loc_en, sizeof loc_en, "Test section %d of the riverside path", i);
            sqlite3_bind_text(ins, 9, loc_zh, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 10, loc_en, -1, SQLITE_TRANSIENT);
        }
        if (pos >= 0)
            sqlite3_bind_int(ins, 11, pos);
        if (i == 1 || i == 2 || i % 25 == 0) {
            unsigned char *png;
            size_t len;
            if (!make_png(i, &png, &len))
                return fail("png", &db);
            bool ok = add_media(&db, png, len, hex);
            free(png);
            if (!ok)
                return fail("media", &db);
        } else if (i == 3) {
            static const unsigned char junk[] = "\x89PNG\r\n\x1a\nthis is not really an image";
            if (!add_media(&db, junk, sizeof junk - 1, hex))
                return fail("media", &db);
        } else if (i == 4) {
            snprintf(hex, sizeof hex, "%064d", 0); /* bytes not arrived yet */
        }
        if (*hex)
            sqlite3_bind_text(ins, 12, hex, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 13, url, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(ins) != SQLITE_DONE)
            return fail("insert site", &db);
    }
    sqlite3_finalize(ins);
    if (!yk_db_commit(&db))
        return fail("commit", &db);
    yk_db_close(&db);
    SDL_Quit();
    return 0;
}
