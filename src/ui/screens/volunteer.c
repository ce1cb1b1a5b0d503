/* Placeholder until volunteer mode lands: the PIN pad and the mode say nothing yet. */
#include "ui/screens/screens.h"

static void build(struct yk_kiosk *k, struct yk_rect area)
{
    const struct yk_theme *t = &k->ui.theme;
    yk_ui_text(&k->ui, "volunteer.empty", yk_inset(area, t->pad), yk_kiosk_tr(k, "section.empty"),
               YK_FONT_BODY, t->ink_soft, YK_ALIGN_CENTER, true);
}

const struct yk_screen_def yk_screen_volunteer_pin = {
    .key = "volunteer_pin",
    .title_key = "section.empty",
    .build = build,
};

const struct yk_screen_def yk_screen_volunteer = {
    .key = "volunteer",
    .title_key = "section.empty",
    .build = build,
    .volunteer = true,
};
