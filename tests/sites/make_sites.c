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
 *
 *   make_sites DATA_DIR pictures
 *
 * keeps the sample content and gives each of its teaching sites a drawn picture (a river at
 * dusk under a steel arch, or the far bank's skyline): stand-ins for the photos the hub sends,
 * to see and show the screens that use photos, an event at the World Expo Museum
 * ("测试活动": its page shows the site's picture) and one on the riverside path with a picture
 * of its own (events.photo_hash). The sample itself has no photos (db/README.md).
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

/* Encodes s (which it frees) as PNG into *out (the caller frees it). */
static bool save_png(SDL_Surface *s, unsigned char **out, size_t *len)
{
    size_t cap = (size_t)s->w * s->h * 4 + 4096;
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
    return save_png(s, out, len);
}

/* One pixel of a drawn picture, blended over what is there by a (0..1). */
static void blend(Uint32 *px, const SDL_PixelFormat *f, int r, int g, int b, float a)
{
    Uint8 r0, g0, b0;
    SDL_GetRGB(*px, f, &r0, &g0, &b0);
    *px = SDL_MapRGB(f, (Uint8)(r0 + (r - r0) * a), (Uint8)(g0 + (g - g0) * a),
                     (Uint8)(b0 + (b - b0) * a));
}

/* A drawn stand-in for a photo, 960 x 640: a dusk sky, the far bank's towers, the river with
 * the light on it, and (arch) a red steel arch bridge over it. The caller frees *out. */
static bool make_scene(int seed, bool arch, unsigned char **out, size_t *len)
{
    const int w = 960, h = 640, horizon = h * 58 / 100;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!s)
        return false;
    const SDL_PixelFormat *f = s->format;
    unsigned rnd = 12345u + (unsigned)seed * 7919u;
    for (int y = 0; y < h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < w; x++) {
            float t = (float)y / horizon;
            if (y < horizon) /* sky: deep blue above, warm near the horizon */
                row[x] = SDL_MapRGB(f, (Uint8)(60 + 190 * t), (Uint8)(80 + 100 * t),
                                    (Uint8)(140 - 30 * t));
            else { /* water, darker towards us, with bands of light */
                float d = (float)(y - horizon) / (h - horizon);
                int shimmer = ((y * 7 + (x / 40) * 13) % 23 < 3) ? 40 : 0;
                row[x] = SDL_MapRGB(f, (Uint8)(150 - 100 * d + shimmer),
                                    (Uint8)(110 - 60 * d + shimmer / 2), (Uint8)(110 - 40 * d));
            }
        }
    }
    /* The far bank: towers of different heights, some windows lit. */
    for (int x = 0; x < w;) {
        rnd = rnd * 1103515245u + 12345u;
        int bw = 30 + (int)(rnd >> 16) % 70;
        int bh = 20 + (int)(rnd >> 8) % (arch ? 90 : 200);
        for (int y = horizon - bh; y < horizon; y++) {
            Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
            for (int xx = x; xx < x + bw - 4 && xx < w; xx++) {
                unsigned cell =
                    (unsigned)(y / 12) * 131u + (unsigned)(xx / 10) * 71u + (unsigned)seed;
                bool lit = (cell * 2654435761u >> 28) < 5 && xx % 10 < 5 && y % 12 < 6;
                blend(&row[xx], f, lit ? 250 : 45, lit ? 210 : 40, lit ? 140 : 60, 1.0f);
            }
        }
        x += bw;
    }
    if (arch) {
        /* A steel arch: two red bands (a parabola), the deck under it, hangers between. */
        int cx = w / 2, span = w * 80 / 100, top = horizon - h * 42 / 100, deck = horizon - 20;
        for (int x = cx - span / 2; x <= cx + span / 2; x++) {
            float u = (float)(x - cx) / (span / 2);
            int y0 = top + (int)((deck + 30 - top) * u * u);
            for (int th = 0; th < 14; th++) {
                int y = y0 + th;
                if (y >= 0 && y < h)
                    blend((Uint32 *)((Uint8 *)s->pixels + y * s->pitch) + x, f, 0xB8, 0x14, 0x1B,
                          1.0f);
            }
            if ((x - cx) % 36 == 0 && y0 + 14 < deck) /* a hanger */
                for (int y = y0 + 14; y < deck; y++)
                    blend((Uint32 *)((Uint8 *)s->pixels + y * s->pitch) + x, f, 0x8A, 0x10, 0x16,
                          1.0f);
        }
        for (int y = deck; y < deck + 12; y++) {
            Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
            for (int x = 0; x < w; x++)
                blend(&row[x], f, 60, 50, 55, 1.0f);
        }
    }
    return save_png(s, out, len);
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
    bool pictures = strcmp(argv[2], "pictures") == 0;
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
    if (pictures) {
        /* The sample's sites keep their facts; each gets a drawn picture. */
        static const char *const ids[] = {"expo-museum", "table-tennis-museum",
                                          "lupu-bridge", "dianzan-square",
                                          "yuanwang-1",  "translation-museum"};
        for (int i = 0; i < 6; i++) {
            unsigned char *png;
            size_t len;
            char hex[65];
            if (!make_scene(i, strcmp(ids[i], "lupu-bridge") == 0, &png, &len))
                return fail("picture", &db);
            bool ok = add_media(&db, png, len, hex);
            free(png);
            sqlite3_stmt *up = ok ? yk_db_prepare(&db, "UPDATE sites SET photo_hash = ?1 "
                                                       "WHERE id = ?2")
                                  : NULL;
            if (!up)
                return fail("picture", &db);
            sqlite3_bind_text(up, 1, hex, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(up, 2, ids[i], -1, SQLITE_STATIC);
            int rc = sqlite3_step(up);
            sqlite3_finalize(up);
            if (rc != SQLITE_DONE || sqlite3_changes(db.handle) != 1)
                return fail("picture: no such sample site", &db);
        }
        /* An event at one of the sites: its page shows the site's picture. */
        if (!exec(&db, "INSERT INTO events (id, kind, title_zh, title_en, place_zh, place_en, "
                       "starts_utc, ends_utc, capacity, max_party, seats_held) VALUES "
                       "('test-at-expo-museum', 'experience', '测试活动：世博会博物馆导览', "
                       "'Test event: a guided visit', '世博会博物馆', 'World Expo Museum', "
                       "1796450400, 1796457600, 20, 2, 20)"))
            return fail("event", &db);
        /* An event with a picture of its own, at a place that names no site: its page shows
         * that picture. */
        unsigned char *png;
        size_t len;
        char hex[65];
        if (!make_scene(7, false, &png, &len))
            return fail("picture", &db);
        bool ok = add_media(&db, png, len, hex);
        free(png);
        sqlite3_stmt *ev =
            ok ? yk_db_prepare(&db, "INSERT INTO events (id, kind, title_zh, title_en, place_zh, "
                                    "place_en, starts_utc, ends_utc, capacity, max_party, "
                                    "seats_held, photo_hash) VALUES ('test-own-photo', 'charity', "
                                    "'测试活动：滨江健步走', 'Test event: a riverside walk', "
                                    "'滨江步道', 'The riverside path', 1796450400, 1796457600, "
                                    "30, 2, 30, ?1)")
               : NULL;
        if (!ev)
            return fail("event", &db);
        sqlite3_bind_text(ev, 1, hex, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(ev);
        sqlite3_finalize(ev);
        if (rc != SQLITE_DONE)
            return fail("event", &db);
        if (!yk_db_commit(&db))
            return fail("commit", &db);
        yk_db_close(&db);
        SDL_Quit();
        return 0;
    }
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
