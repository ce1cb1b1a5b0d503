#ifndef YK_KEYPAD_H
#define YK_KEYPAD_H

/* The on-screen key pads: a grid of keys as large as the area allows, each a whole touch
 * target, scrolling only where even the smallest keys do not fit. Volunteer mode's PIN,
 * phone, ticket-code and setup-code pads and the sign-up's Latin-name keyboard use it. A
 * key "del" is drawn as ⌫, "clear" as its word (✕ where the word does not fit) and "space"
 * as its label (the space bar's mark where that does not fit); their words stay in the
 * widget tree. A label wider than its key is set in a smaller font. */

#include <stdbool.h>

#include "ui/kiosk.h"
#include "ui/ui.h"

struct yk_keypad {
    const char *prefix;        /* key ids are "<prefix>.<key>" */
    const char *scroll_id;     /* the scroll region, when the keys must scroll */
    const char *const *keys;   /* labels; "del" and "clear" are special (borrowed) */
    int n;                     /* how many keys */
    int min_cols;              /* at least this many columns; -c: exactly c (a phone's 3×4) */
    enum yk_font font;         /* the largest font of the labels (smaller before scrolling) */
    bool enabled;              /* false: drawn disabled */
    const char *clear_text;    /* the word of "clear" (also its tree text) */
    const char *del_text;      /* the tree text of "del" */
    const char *const *labels; /* NULL: the keys are their labels; else one per key (borrowed) */
    bool primary;              /* mark every key primary: choices check-choices must see whole */
    bool tight;                /* a small inset round the labels (a compact frame): more fit */
};

/* The keys of a phone pad: 1–9, clear, 0, del (12, with min_cols -3). */
extern const char *const yk_keypad_digits[12];

/* A keyboard for a name in Latin letters: A-Z, then "space", "-", "'" and del (30 keys);
 * the labels are the keys' but for "space", which is space_word. Static storage but for
 * space_word (borrowed). */
extern const char *const yk_keypad_latin[30];
void yk_keypad_latin_labels(const char *labels[30], const char *space_word);

/* The 32 Crockford base32 symbols (core/base32.h's alphabet), then "clear" when clear, then
 * del (33 or 34 keys, with min_cols 4): ticket short codes and the hub's setup code. Static
 * storage. */
const char *const *yk_keypad_crockford(bool clear);

/* Lays the keys of p out over r and adds them as buttons. */
void yk_keypad_build(struct yk_kiosk *k, struct yk_rect r, const struct yk_keypad *p);

/* The height a pad of n keys needs at its smallest whole size at width w (below it, the
 * pad scrolls), with the small inset when tight: for callers that decide whether their
 * whole view scrolls. */
int yk_keypad_min_h(struct yk_kiosk *k, int w, int n, int min_cols, enum yk_font f, bool tight);

#endif
