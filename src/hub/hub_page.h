#ifndef YK_HUB_PAGE_H
#define YK_HUB_PAGE_H

#include "hub/hub_store.h"

#include <stdbool.h>
#include <stddef.h>

/* The hub's HTML pages (the ticket page /T/, the public page hub_public.h, and every page to
 * come): one builder that escapes text, one look (yk_hub_page_begin/end), and THE list of
 * security headers.
 *
 * yk_hub_security_headers is the one place the hub's protective headers are set: hub_http.c
 * adds every entry to every response it sends (HTML or not), so a new page needs nothing to
 * get them: a Content-Security-Policy without inline script, frame-ancestors 'none',
 * Referrer-Policy: no-referrer, nosniff. Change the policy here, nowhere else. */

struct yk_hub_header {
    const char *name, *value;
};

/* Name/value pairs, ended by {NULL, NULL}. Static. */
extern const struct yk_hub_header yk_hub_security_headers[];

/* "text/html; charset=utf-8". */
extern const char yk_hub_html_type[];

/* A growing HTML text. Zero-initialise; the caller owns b (free). failed: out of memory
 * (every later call does nothing). */
struct yk_hub_html {
    char *b;
    size_t len, cap;
    bool failed;
};

/* Appends n bytes / a string as they are (markup). */
void yk_hub_html_put(struct yk_hub_html *h, const char *s, size_t n);
void yk_hub_html_raw(struct yk_hub_html *h, const char *s);

/* Appends text with & < > " ' escaped (NULL: nothing). */
void yk_hub_html_text(struct yk_hub_html *h, const char *s);

/* A labelled value in a <dl>: the label in Chinese and English, the value in Chinese and,
 * when it differs and is not empty, in English under it (all escaped). */
void yk_hub_html_field(struct yk_hub_html *h, const char *zh, const char *en, const char *v_zh,
                       const char *v_en);

/* The head of a mobile page titled title (escaped) with the hub's style, up to <main>; and
 * its foot. */
void yk_hub_page_begin(struct yk_hub_html *h, const char *title);
void yk_hub_page_end(struct yk_hub_html *h);

/* The ticket page for the look-up result rc (OK with *t, NOT_FOUND, else "try later"):
 * Chinese and English, the phone masked. Returns the HTTP status (200, 404, 503). */
int yk_hub_page_ticket(struct yk_hub_html *h, enum yk_hub_rc rc, const struct yk_hub_ticket *t);

/* The whole "try again later" page (the store failed), Chinese and English: for status 503. */
void yk_hub_page_unavailable(struct yk_hub_html *h);

#endif
