#ifndef YK_ICONS_H
#define YK_ICONS_H

#include <stdbool.h>
#include <stdint.h>

/* The kiosk's icon set: outline icons drawn with the rasteriser (core/raster.h), so they are
 * crisp at any size. Each is designed on a 24-unit grid with 2-unit strokes, round caps and
 * round joins, ink kept inside units 1..23. Output is coverage (alpha) for the renderer to
 * tint. The designs are this project's own. */

enum yk_icon {
    YK_ICON_HOME,
    YK_ICON_BACK,
    YK_ICON_LANGUAGE, /* a globe */
    YK_ICON_ELDER,    /* a person with a walking stick */
    YK_ICON_SERVICES, /* a hand holding a heart */
    YK_ICON_SITES,    /* a flag on a pole (red teaching sites) */
    YK_ICON_EVENTS,   /* a calendar with a check */
    YK_ICON_BLOCKS,   /* a group of houses */
    YK_ICON_CLOCK,
    YK_ICON_PIN,
    YK_ICON_PHONE,
    YK_ICON_QR,
    YK_ICON_CHEVRON_RIGHT,
    YK_ICON_CLOSE,
    YK_ICON_CHECK,
    YK_ICON_PEOPLE,
    YK_ICON_CALENDAR,
    YK_ICON_INFO,
    YK_ICON_LOCK,
    YK_ICON_WALK,
    YK_ICON_STAR,
    YK_ICON_FILTER,
    YK_ICON_TICKET,
    YK_ICON_SCAN,
    YK_ICON_WARNING,
    YK_ICON_BACKSPACE,
    YK_ICON_MAP,
    /* The riverside service lines (services screen). */
    YK_ICON_SHIELD,   /* with a check: safety */
    YK_ICON_SIGNPOST, /* two signs pointing ways: everyday help on the way */
    YK_ICON_HEART,    /* care */
    YK_ICON_MUSEUM,   /* a columned hall: culture, heritage */
    YK_ICON_LEAF,     /* caring for shared space */
    YK_ICON_SPACE,    /* the space bar's mark: a bracket open upwards (on-screen keyboards) */
    YK_ICON_COUNT
};

/* The icon's stable lower-case name ("home", "back", "chevron_right", ...); NULL if out of
 * range. */
const char *yk_icon_name(enum yk_icon icon);

/* The icon called name, or YK_ICON_COUNT if none (or name is NULL). */
enum yk_icon yk_icon_from_name(const char *name);

/* Clears alpha (size_px x size_px bytes, stride size_px) and draws the icon filling it.
 * Returns false for an unknown icon, size_px < 1 or when memory runs out. */
bool yk_icon_render(enum yk_icon icon, int size_px, uint8_t *alpha);

/* Adds the icon's coverage (saturating) in the square at (x, y) of side size pixels of a
 * w x h buffer with rows stride bytes apart, e.g. into an atlas; clipped to the buffer.
 * Returns as yk_icon_render(). */
bool yk_icon_draw(enum yk_icon icon, float x, float y, float size, uint8_t *alpha, int w, int h,
                  int stride);

#endif
