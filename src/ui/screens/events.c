/* Placeholder until the events screens land: the list says there is nothing yet. */
#include "ui/screens/screens.h"

static void build(struct yk_kiosk *k, struct yk_rect area)
{
    const struct yk_theme *t = &k->ui.theme;
    yk_ui_text(&k->ui, "events.empty", yk_inset(area, t->pad), yk_kiosk_tr(k, "section.empty"),
               YK_FONT_BODY, t->ink_soft, YK_ALIGN_CENTER, true);
}

const struct yk_screen_def yk_screen_events = {
    .key = "events",
    .title_key = "home.events",
    .build = build,
};

const struct yk_screen_def yk_screen_event = {
    .key = "event",
    .title_key = "home.events",
    .build = build,
};
