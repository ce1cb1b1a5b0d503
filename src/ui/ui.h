#ifndef YK_UI_H
#define YK_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/textlayout.h"

/* The UI core, in the manner of microui: screens describe themselves each time something
 * changed by calling the functions below; that produces (1) a list of widgets — the
 * semantic tree used for hit testing, the headless driver's `tree` and later read-aloud —
 * and (2) a list of draw commands that the platform layer executes. Nothing here calls SDL,
 * so the whole UI is tested without a screen. Coordinates are logical pixels: the
 * screen as the user sees it, after rotation. */

struct yk_rect {
    int x, y, w, h;
};

struct yk_color {
    uint8_t r, g, b, a;
};

enum yk_role {
    YK_ROLE_SCREEN,
    YK_ROLE_BUTTON,
    YK_ROLE_TEXT,
    YK_ROLE_HEADING,
    YK_ROLE_IMAGE,
    YK_ROLE_QR,
    YK_ROLE_LIST,
    YK_ROLE_INPUT,
    YK_ROLE_ICON,
};

/* Text styles; their pixel sizes come from the theme (screen size, DPI, elder mode). */
enum yk_font {
    YK_FONT_SMALL,
    YK_FONT_BODY,
    YK_FONT_LARGE,
    YK_FONT_TITLE,
    YK_FONT_HUGE,
    YK_FONT_COUNT
};

enum yk_align { YK_ALIGN_LEFT, YK_ALIGN_CENTER, YK_ALIGN_RIGHT };

struct yk_theme {
    int font_px[YK_FONT_COUNT];
    bool font_bold[YK_FONT_COUNT];
    float px_per_mm;
    int touch_min; /* smallest touch target side, px (9 mm) */
    int pad;       /* standard padding, px */
    int gap;       /* gap between items */
    int radius;    /* corner radius of cards and buttons */
    int bar_h;     /* height of the navigation bar */
    struct yk_color bg, card, ink, ink_soft, primary, on_primary, accent, line, bar, pressed,
        disabled;
};

enum yk_cmd_type { YK_CMD_FILL, YK_CMD_TEXT, YK_CMD_ICON, YK_CMD_QR, YK_CMD_IMAGE, YK_CMD_CLIP };

/* One draw command. Strings point into the frame's arena (valid until the next build). */
struct yk_cmd {
    enum yk_cmd_type type;
    struct yk_rect r; /* FILL/ICON/QR/IMAGE: the box; TEXT: x, y of the line's top-left
                         and its measured width and line height; CLIP: the clip (w=0: none) */
    struct yk_color color;
    int radius;       /* FILL: corner radius */
    const char *text; /* TEXT: the line (not NUL-terminated at len); QR: data;
                         IMAGE: the media key */
    size_t len;
    int px; /* TEXT: font size */
    bool bold;
    int icon;         /* ICON: enum yk_icon */
    int module_px;    /* QR: pixels per module */
    const void *blob; /* IMAGE: the encoded image (PNG/JPEG bytes), owned by the screen's
                         state and valid until its next build; text = its content hash */
    size_t blob_len;
};

struct yk_widget {
    const char *id; /* stable, documented in src/ui/README.md */
    enum yk_role role;
    struct yk_rect r;   /* its box */
    struct yk_rect vis; /* the part of the box that is on screen */
    const char *text;   /* visible text ("" if none) */
    const char *data;   /* QR: what it encodes; IMAGE: the image's hash */
    bool enabled;
    bool clipped; /* its text does not fit its box */
    bool tappable;
    bool primary;    /* a choice or action the person must make on this step: it must be
                        whole in view without scrolling (yk_ui_check_choices) */
    bool has_colors; /* a button: the colours of its states, for yk_ui_check_contrast */
    struct yk_color st_bg, st_fg; /* its style's background and label colour */
    bool has_sub;                 /* it has a second, smaller line */
    const char *icon;             /* the name of its picture (yk_icon_name), NULL if none */
};

/* Remembered across builds: the position of a scrolling region. */
struct yk_scroll_state {
    uint32_t key;   /* hash of the region's id */
    float offset;   /* px scrolled down */
    float velocity; /* px per second, while flinging */
    int content_h, view_h;
    struct yk_rect view;
    bool seen; /* present in the last build */
};

#define YK_UI_MAX_SCROLL 16
#define YK_UI_MAX_CLIP 8

struct yk_ui_params {
    int width, height; /* logical screen size */
    float px_per_mm;
    bool elder;
    yk_measure_fn measure;
    void *measure_ctx;
    /* Line height for a font size (the font's line skip). */
    int (*line_height)(void *ctx, int px, bool bold);
};

struct yk_ui {
    struct yk_ui_params p;
    struct yk_theme theme;

    struct yk_widget *widgets;
    size_t n_widgets, cap_widgets;
    struct yk_cmd *cmds;
    size_t n_cmds, cap_cmds;

    char *arena;
    size_t arena_used, arena_cap;

    struct yk_rect clip[YK_UI_MAX_CLIP];
    int clip_depth;
    struct yk_scroll_state scroll[YK_UI_MAX_SCROLL];
    int scroll_depth; /* regions currently open in the build */
    int scroll_open[YK_UI_MAX_CLIP];

    char pressed_id[96]; /* the widget under a finger, drawn pressed */
    bool oom;
};

/* Prepares an empty UI for the given screen. Returns false when out of memory. */
bool yk_ui_init(struct yk_ui *ui, const struct yk_ui_params *p);

/* Frees everything. Safe on a zeroed UI. */
void yk_ui_destroy(struct yk_ui *ui);

/* Changes the screen size, DPI or elder mode (keeps scroll positions). */
void yk_ui_configure(struct yk_ui *ui, const struct yk_ui_params *p);

/* Starts a new build: clears widgets, commands and the arena. */
void yk_ui_begin(struct yk_ui *ui);

/* Ends a build; forgets scroll states of regions no longer present. */
void yk_ui_end(struct yk_ui *ui);

/* Copies a string into the frame arena (valid until the next yk_ui_begin). */
const char *yk_ui_strdup(struct yk_ui *ui, const char *s);

/* printf into the frame arena. */
const char *yk_ui_fmt(struct yk_ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- Rectangle cutting, for layout --- */
struct yk_rect yk_cut_top(struct yk_rect *r, int h);
struct yk_rect yk_cut_bottom(struct yk_rect *r, int h);
struct yk_rect yk_cut_left(struct yk_rect *r, int w);
struct yk_rect yk_cut_right(struct yk_rect *r, int w);
struct yk_rect yk_inset(struct yk_rect r, int d);
struct yk_rect yk_rect_intersect(struct yk_rect a, struct yk_rect b);
bool yk_rect_contains(struct yk_rect r, int x, int y);
/* Cell (col,row) of a cols×rows grid over r with the given gap. */
struct yk_rect yk_grid_cell(struct yk_rect r, int cols, int rows, int col, int row, int gap);

/* --- Primitives (draw only; no widget) --- */
void yk_ui_fill(struct yk_ui *ui, struct yk_rect r, struct yk_color c, int radius);
void yk_ui_icon_draw(struct yk_ui *ui, struct yk_rect r, int icon, struct yk_color c);

/* --- Text --- */
/* Height of text wrapped at width w in font f (0 for empty text). */
int yk_ui_text_height(struct yk_ui *ui, const char *text, enum yk_font f, int w);
/* text cut to at most max_lines lines of width w in font f: unchanged when it fits, else
 * its first lines with the last one shortened to end in "…" (at a character boundary).
 * The result lives in the frame arena; NULL stays NULL. For a row's summary line, where
 * the whole text is on the page the row opens. */
const char *yk_ui_text_clamp(struct yk_ui *ui, const char *text, enum yk_font f, int w,
                             int max_lines);
/* Width of one unwrapped line of text in font f. */
int yk_ui_text_width(struct yk_ui *ui, const char *text, enum yk_font f);
int yk_ui_line_height(struct yk_ui *ui, enum yk_font f);

/* Draws text wrapped inside r (vertically centred when valign_center) and adds a widget
 * (role text or heading) with id. Marks it clipped when it needs more height than r has;
 * then only the lines that fit are drawn. Returns the height used. */
int yk_ui_text(struct yk_ui *ui, const char *id, struct yk_rect r, const char *text, enum yk_font f,
               struct yk_color c, enum yk_align align, bool valign_center);

/* --- Widgets --- */
/* A button: a rounded card with an optional icon and a label, tappable. Its id is what
 * the app receives when it is tapped. Returns true when it is the pressed widget. */
struct yk_button_style {
    struct yk_color bg, fg;
    enum yk_font font;
    int icon;        /* enum yk_icon, or -1 for none */
    bool icon_above; /* icon above the label (tiles) instead of left of it */
    const char *sub; /* optional second line under the label (smaller), or NULL */
    bool tight;      /* a small inset (keys of a pad), for cramped layouts */
};
void yk_ui_button(struct yk_ui *ui, const char *id, struct yk_rect r, const char *label,
                  const struct yk_button_style *st, bool enabled);

/* True when a tile of this size has room for its picture as well as its words. */
bool yk_ui_tile_fits_icon(struct yk_ui *ui, struct yk_rect r, const char *label, enum yk_font f,
                          const char *sub);

/* A photo: the encoded image bytes (kept alive by the caller until the next build), keyed
 * by its content hash, fitted inside r keeping its aspect ratio (the platform decodes and
 * caches it). alt is the tree text. */
void yk_ui_image(struct yk_ui *ui, const char *id, struct yk_rect r, const char *hash,
                 const void *bytes, size_t len, const char *alt);

/* A QR code of data, as large as fits in r with whole pixels per module. */
void yk_ui_qr(struct yk_ui *ui, const char *id, struct yk_rect r, const char *data);

/* A white card filling r with the QR code of url as large as fits (whole pixels per module)
 * and the caption under it (widget "<id>.caption"). */
void yk_ui_qr_card(struct yk_ui *ui, const char *id, struct yk_rect r, const char *url,
                   const char *caption);

/* A scrolling region: widgets added until yk_ui_scroll_end are shifted by the scroll
 * offset and clipped to view. Returns the y at which content starts. */
int yk_ui_scroll_begin(struct yk_ui *ui, const char *id, struct yk_rect view);
/* content_bottom: the y just below the last content (in the coordinates used while
 * building, i.e. including the offset returned by begin). */
void yk_ui_scroll_end(struct yk_ui *ui, int content_bottom);

/* The root widget of a screen (role screen, the whole display); add it first. */
void yk_ui_screen_widget(struct yk_ui *ui, const char *id);

/* A point in the build to go back to (a layout tried and set aside): yk_ui_undo drops every
 * widget and draw command added after yk_ui_mark. The scroll regions and clips opened after
 * the mark must be closed before the undo. */
struct yk_ui_mark {
    size_t widgets, cmds;
    int clip_depth, scroll_depth;
};
struct yk_ui_mark yk_ui_mark(const struct yk_ui *ui);
void yk_ui_undo(struct yk_ui *ui, struct yk_ui_mark m);

/* Starts a modal layer: every widget added so far is covered (no longer visible in the
 * tree, not hit by taps). */
void yk_ui_modal(struct yk_ui *ui);

/* Sets the tree text of the last widget with this id (e.g. an icon-only button keeps its
 * words for read-aloud). */
void yk_ui_set_text(struct yk_ui *ui, const char *id, const char *text);

/* Names the picture (an enum yk_icon) of the last widget with this id in the tree, so tests
 * can tell rows apart by what they show. */
void yk_ui_set_icon(struct yk_ui *ui, const char *id, int icon);

/* Marks the last widget with this id as a primary choice or action of the screen (one the
 * person must be able to reach without scrolling). When no widget has that id (the screen
 * skipped it as out of view), adds an invisible placeholder so that the check fails. */
void yk_ui_mark_primary(struct yk_ui *ui, const char *id);

/* True when any part of r is inside the current clip (skip building what is not). */
bool yk_ui_visible(const struct yk_ui *ui, struct yk_rect r);

/* --- Interaction (from the app's gesture handling) --- */
/* The topmost tappable, enabled, visible widget at (x, y), or NULL. */
const struct yk_widget *yk_ui_hit(const struct yk_ui *ui, int x, int y);
/* The innermost scroll state whose view contains (x, y), or NULL. */
struct yk_scroll_state *yk_ui_scroll_at(struct yk_ui *ui, int x, int y);
/* Scrolls by dy px, clamped to the content. Returns true when the offset changed. */
bool yk_ui_scroll_by(struct yk_scroll_state *s, float dy);
/* Advances a fling by dt_ms. Returns true while it is still moving. */
bool yk_ui_scroll_animate(struct yk_scroll_state *s, int dt_ms);
/* The widget with this id, or NULL. */
const struct yk_widget *yk_ui_find(const struct yk_ui *ui, const char *id);
/* Same hash as scroll states use. */
uint32_t yk_ui_hash(const char *s);

/* Writes the semantic tree as JSON lines (one visible widget a line) to f (a FILE *). */
void yk_ui_write_tree(const struct yk_ui *ui, void *f);

/* Checks the layout rules of the last build: nothing clipped, every tappable widget at
 * least theme.touch_min in both sides and inside the screen, no two tappable widgets
 * overlapping. Writes the first problems (one a line) into err and returns their count. */
int yk_ui_check_layout(const struct yk_ui *ui, char *err, size_t errn);

/* Checks that every widget marked primary (yk_ui_mark_primary) is whole in view: not cut by
 * a scroll region or the screen's edges, not covered, and at least one marked. Writes the
 * problems (one a line) into err and returns their count (-1 when nothing is marked). */
int yk_ui_check_choices(const struct yk_ui *ui, char *err, size_t errn);

/* The colours a button of style st is drawn in, pressed or not, enabled or not: background,
 * label and second line. */
void yk_ui_button_colors(const struct yk_theme *t, struct yk_color st_bg, struct yk_color st_fg,
                         bool pressed, bool enabled, struct yk_color *bg, struct yk_color *fg,
                         struct yk_color *sub);

/* WCAG contrast of every text line drawn in the last build against what is drawn under its
 * middle (fills, blended when translucent), and of every button's label and second line in
 * its other states (pressed, and selected or not: what a finger on it would show). Writes the first
 * failures (one a line) into err and returns how many lines have less than min (e.g. 7.0 for
 * AAA, 4.5 for AA). */
int yk_ui_check_contrast(const struct yk_ui *ui, double min, char *err, size_t errn);

/* The WCAG 2 contrast ratio of two opaque colours (1..21). */
double yk_contrast_ratio(struct yk_color a, struct yk_color b);

#endif
