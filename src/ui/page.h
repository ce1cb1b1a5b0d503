#ifndef YK_PAGE_H
#define YK_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/kiosk_state.h"
#include "ui/ui.h"

/* Building blocks the screens share, so every page looks and behaves the same: list rows,
 * long scrolling lists that build only what is on screen, and "documents" (a detail page:
 * title, paragraphs, labelled fields, a QR code to take along, action buttons). Missing
 * content leaves no trace: a field whose value is NULL or "" is skipped with its label. */

/* ---- Rows ---- */

/* Height of a standard row of width w: title (large) and an optional line under it, cut to
 * two lines with "…" (the row's read-aloud text keeps all of it). */
int yk_page_row_height(struct yk_kiosk *k, const char *title, const char *sub, bool icon, int w);

/* A tappable row card: optional icon on the left, title, line under it, a chevron. */
void yk_page_row(struct yk_kiosk *k, const char *id, struct yk_rect r, const char *title,
                 const char *sub, int icon);

/* ---- Long lists ---- */

typedef int (*yk_row_height_fn)(struct yk_kiosk *k, void *ctx, size_t i, int w);
typedef void (*yk_row_build_fn)(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r);

/* Row positions of a list, kept by the screen between frames (owned by its state) and
 * recomputed only when the width, language, elder mode or row count change. */
struct yk_rows {
    int *top; /* n + 1 entries: top of each row, and the end */
    size_t n, cap;
    uint32_t key;
};

/* A scrolling list of n rows in view (id names its scroll state): heights come from
 * height(), and only the rows on screen are built, so hundreds of rows cost what a
 * screenful costs. */
void yk_rows_list(struct yk_kiosk *k, const char *id, struct yk_rect view, struct yk_rows *rows,
                  size_t n, yk_row_height_fn height, yk_row_build_fn build, void *ctx);

/* Frees the cache; safe on a zeroed one. */
void yk_rows_free(struct yk_rows *rows);

/* ---- Documents (detail pages) ---- */

/* What goes in a document's aside: drawn by yk_doc_end, outside the scrolling column. */
struct yk_doc_aside_item {
    bool qr;                         /* a QR card, else a button */
    const char *id, *text, *caption; /* QR: url + caption; button: label */
    bool enabled;
};

#define YK_DOC_ASIDE_MAX 4

struct yk_doc {
    struct yk_kiosk *k;
    struct yk_doc_aside_item aside_items[YK_DOC_ASIDE_MAX];
    int n_aside;
    char id[48];
    struct yk_rect view;  /* the scrolling column */
    struct yk_rect aside; /* landscape: a fixed column on the right for QR and actions */
    int aside_y;          /* the aside's next free y (its items are drawn by yk_doc_end) */
    int x, w;             /* content column */
    int y;                /* next free y */
    int start;
    bool inline_fields; /* a field's label beside its value where the label is short (set it
                           after yk_doc_begin: compact frames) */
};

/* Starts a document in area; with_aside asks for a right-hand column on wide screens
 * (landscape, and at least 50 mm wide), where yk_doc_qr and yk_doc_button then go, in the
 * order they are called, fixed beside the scrolling column. */
void yk_doc_begin(struct yk_doc *d, struct yk_kiosk *k, const char *id, struct yk_rect area,
                  bool with_aside);
/* A heading (title font). */
void yk_doc_title(struct yk_doc *d, const char *id, const char *text);
/* A paragraph in body text, or in a smaller, softer style. Skipped when empty. */
void yk_doc_text(struct yk_doc *d, const char *id, const char *text, bool soft);
/* A labelled field ("开放时间", value); skipped entirely when value is NULL or "". */
void yk_doc_field(struct yk_doc *d, const char *id, const char *label, const char *value);
/* A QR code of url with a caption under it ("用手机扫码带走"): in the aside on wide screens,
 * else in the flow. At least 25 mm wide when there is room. Skipped when url is empty. */
void yk_doc_qr(struct yk_doc *d, const char *id, const char *url, const char *caption);
/* A big action button (primary colour): in the aside when there is one. */
void yk_doc_button(struct yk_doc *d, const char *id, const char *label, bool enabled);
/* Vertical space. */
void yk_doc_space(struct yk_doc *d, int px);
/* Ends the document (closes the scroll region). */
void yk_doc_end(struct yk_doc *d);

/* yk_ui_qr_card (ui.h) for a screen. */
void yk_page_qr_card(struct yk_kiosk *k, const char *id, struct yk_rect r, const char *url,
                     const char *caption);

/* ---- Buttons ---- */

/* The style of a plain (card) or primary (red) button in font f, without an icon. */
struct yk_button_style yk_page_button_style(struct yk_kiosk *k, bool primary, enum yk_font f);

/* Height of a row of action buttons: a large-font line, never under 1.25 touch targets. */
int yk_page_button_h(struct yk_kiosk *k);

/* ---- Chips (filters) ---- */

/* Width a chip with this label needs. */
int yk_page_chip_w(struct yk_kiosk *k, const char *label);
/* A filter chip; selected chips are filled with the primary colour. A chip under a text line
 * and the usual inset high has a small inset (the words stay whole). */
void yk_page_chip(struct yk_kiosk *k, const char *id, struct yk_rect r, const char *label,
                  bool selected);

#endif
