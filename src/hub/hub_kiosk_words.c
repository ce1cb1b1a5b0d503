/* The kiosk's words on the hub (hub_kiosk_words.h). */
#include "hub/hub_kiosk_words.h"

#include "core/embed.h"
#include "core/log.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct yk_i18n catalog;
static bool catalog_ok;
static pthread_once_t catalog_once = PTHREAD_ONCE_INIT;

static void load_catalog(void)
{
    char err[128];
    catalog_ok = yk_i18n_load_embedded(&catalog, yk_embed_assets, err, sizeof err);
    if (!catalog_ok)
        yk_error("hub", "string catalog: %s", err);
}

const char *yk_hub_kiosk_text(const char *key, enum yk_lang lang)
{
    pthread_once(&catalog_once, load_catalog);
    return catalog_ok && yk_i18n_has(&catalog, key) ? yk_i18n_get(&catalog, key, lang) : key;
}

enum yk_hub_seats yk_hub_seats_state(bool cancelled, int64_t ends_utc, int64_t capacity,
                                     int64_t closes_utc, int64_t left, int64_t now)
{
    return cancelled           ? YK_HUB_SEATS_CANCELLED
           : ends_utc <= now   ? YK_HUB_SEATS_ENDED
           : capacity <= 0     ? YK_HUB_SEATS_NO_SIGNUP
           : closes_utc <= now ? YK_HUB_SEATS_CLOSED
           : left <= 0         ? YK_HUB_SEATS_FULL
                               : YK_HUB_SEATS_OPEN;
}

void yk_hub_seats_text(enum yk_hub_seats state, int64_t left, enum yk_lang lang, char *out,
                       size_t n)
{
    static const char *const keys[] = {
        [YK_HUB_SEATS_CANCELLED] = YK_N("event.cancelled"),
        [YK_HUB_SEATS_ENDED] = YK_N("event.ended"),
        [YK_HUB_SEATS_NO_SIGNUP] = YK_N("event.no_signup"),
        [YK_HUB_SEATS_CLOSED] = YK_N("event.closed"),
        [YK_HUB_SEATS_FULL] = YK_N("event.full"),
        [YK_HUB_SEATS_OPEN] = YK_N("event.seats_left"),
    };
    const char *key = (unsigned)state < sizeof keys / sizeof keys[0] ? keys[state] : "";
    if (state == YK_HUB_SEATS_OPEN && left == 1)
        key = YK_N("event.seats_left1");
    const char *text = yk_hub_kiosk_text(key, lang);
    const char *d = strstr(text, "%d"); /* the catalog's one placeholder: the places left */
    if (d)
        snprintf(out, n, "%.*s%lld%s", (int)(d - text), text, (long long)left, d + 2);
    else
        snprintf(out, n, "%s", text);
}
