#include "ui/photo.h"

#include "core/shtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool yk_photo_image_size(const unsigned char *b, size_t n, int *w, int *h)
{
    if (n >= 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0) {
        *w = (int)be32(b + 16);
        *h = (int)be32(b + 20);
        return *w > 0 && *h > 0;
    }
    if (n >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
        size_t i = 2;
        while (i + 9 < n && b[i] == 0xFF) {
            unsigned m = b[i + 1];
            size_t len = (size_t)b[i + 2] << 8 | b[i + 3];
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                *h = b[i + 5] << 8 | b[i + 6];
                *w = b[i + 7] << 8 | b[i + 8];
                return *w > 0 && *h > 0;
            }
            i += 2 + len;
        }
    }
    return false;
}

void yk_photo_clear(struct yk_photo *p)
{
    if (!p)
        return;
    yk_store_media_clear(&p->media);
    free(p->name.zh);
    free(p->name.en);
    memset(p, 0, sizeof *p);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Loads the image hash into out, named name (its alt text and caption) and belonging to
 * site_id ("" for an event's own), when its bytes are there and an image. */
static bool load_hash(struct yk_kiosk *k, const char *hash, const char *site_id,
                      const struct yk_bitext *name, struct yk_photo *out)
{
    if (!hash || !*hash || yk_store_get_media(k->p.db, hash, &out->media) != YK_STORE_OK)
        return false;
    if (!yk_photo_image_size(out->media.bytes, out->media.size, &out->w, &out->h)) {
        yk_store_media_clear(&out->media);
        return false;
    }
    snprintf(out->site_id, sizeof out->site_id, "%s", site_id);
    out->name.zh = dup_or_null(name->zh);
    out->name.en = dup_or_null(name->en);
    out->ok = out->name.zh != NULL;
    if (!out->ok)
        yk_photo_clear(out);
    return out->ok;
}

static bool load(struct yk_kiosk *k, const struct yk_site *site, struct yk_photo *out)
{
    return load_hash(k, site->photo_hash, site->id, &site->name, out);
}

static bool all_sites(struct yk_kiosk *k, struct yk_site_list *sites)
{
    int count = 0;
    return k->p.db && yk_store_count_sites(k->p.db, &count) && count > 0 &&
           yk_store_list_sites(k->p.db, 0, count, sites);
}

bool yk_photo_of_day(struct yk_kiosk *k, struct yk_photo *out)
{
    memset(out, 0, sizeof *out);
    struct yk_site_list sites = {0};
    if (!all_sites(k, &sites))
        return false;
    size_t with = 0;
    for (size_t i = 0; i < sites.count; i++)
        with += sites.items[i].photo_hash && *sites.items[i].photo_hash;
    struct yk_localtime lt;
    yk_shanghai_time(yk_kiosk_now_utc_s(k), &lt);
    size_t first = with ? (size_t)yk_days_from_civil(lt.year, lt.month, lt.day) % with : 0;
    /* From the day's pick on (round the list once), the first whose bytes are there and an
     * image. */
    for (size_t n = 0, seen = 0; n < 2 * sites.count && !out->ok; n++) {
        const struct yk_site *s = &sites.items[n % sites.count];
        if (s->photo_hash && *s->photo_hash && seen++ >= first)
            load(k, s, out);
    }
    yk_store_free_sites(&sites);
    return out->ok;
}

bool yk_photo_of_place(struct yk_kiosk *k, const char *place_zh, struct yk_photo *out)
{
    memset(out, 0, sizeof *out);
    struct yk_site_list sites = {0};
    if (!place_zh || !*place_zh || !all_sites(k, &sites))
        return false;
    for (size_t i = 0; i < sites.count && !out->ok; i++)
        if (sites.items[i].name.zh && *sites.items[i].name.zh &&
            strstr(place_zh, sites.items[i].name.zh))
            load(k, &sites.items[i], out);
    yk_store_free_sites(&sites);
    return out->ok;
}

static int caption_h(struct yk_kiosk *k, const struct yk_photo *p, int w, const char *kicker)
{
    const struct yk_theme *t = &k->ui.theme;
    int tw = w - 2 * t->pad;
    return yk_ui_text_height(&k->ui, yk_pick(k->lang, p->name.zh, p->name.en), YK_FONT_LARGE, tw) +
           (kicker ? yk_ui_text_height(&k->ui, kicker, YK_FONT_SMALL, tw) : 0) + 2 * t->pad;
}

int yk_photo_card_h(struct yk_kiosk *k, const struct yk_photo *p, int w, int max_h,
                    const char *kicker)
{
    if (!p || !p->ok)
        return 0;
    int ch = caption_h(k, p, w, kicker);
    int pic = (int)((long long)w * p->h / p->w);
    if (pic > max_h - ch)
        pic = max_h - ch;
    return pic < w / 4 ? 0 : pic + ch;
}

void yk_photo_card(struct yk_kiosk *k, const char *id, struct yk_rect r, const struct yk_photo *p,
                   const char *kicker)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const char *name = yk_pick(k->lang, p->name.zh, p->name.en);
    struct yk_button_style st = {.bg = t->card, .fg = t->ink, .font = YK_FONT_LARGE, .icon = -1};
    yk_ui_button(ui, id, r, "", &st, true);
    int ch = caption_h(k, p, r.w, kicker);
    struct yk_rect pic = {r.x, r.y, r.w, r.h - ch};
    /* The picture fills the card's top, its shape kept (fitted, centred). */
    int pw = pic.w, ph = (int)((long long)pic.w * p->h / p->w);
    if (ph > pic.h) {
        ph = pic.h;
        pw = (int)((long long)ph * p->w / p->h);
    }
    yk_ui_image(ui, yk_ui_fmt(ui, "%s.photo", id),
                (struct yk_rect){pic.x + (pic.w - pw) / 2, pic.y + (pic.h - ph) / 2, pw, ph},
                p->media.hash, p->media.bytes, p->media.size, name);
    struct yk_rect in = yk_inset((struct yk_rect){r.x, r.y + r.h - ch, r.w, ch}, t->pad);
    int nh = yk_ui_text_height(ui, name, YK_FONT_LARGE, in.w);
    yk_ui_text(ui, yk_ui_fmt(ui, "%s.name", id), yk_cut_top(&in, nh), name, YK_FONT_LARGE, t->ink,
               YK_ALIGN_LEFT, false);
    if (kicker)
        yk_ui_text(ui, yk_ui_fmt(ui, "%s.kicker", id), in, kicker, YK_FONT_SMALL, t->ink_soft,
                   YK_ALIGN_LEFT, false);
    yk_ui_set_text(ui, id, kicker ? yk_ui_fmt(ui, "%s %s", name, kicker) : name);
}

bool yk_photo_of_event(struct yk_kiosk *k, const struct yk_event *e, struct yk_photo *out)
{
    memset(out, 0, sizeof *out);
    if (k->p.db && load_hash(k, e->photo_hash, "", &e->title, out))
        return true;
    return yk_photo_of_place(k, e->place.zh, out);
}
