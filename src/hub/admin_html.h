#ifndef YK_ADMIN_HTML_H
#define YK_ADMIN_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The admin's HTML: a growing string, THE escaping function (yk_sb_text: every text that
 * did not come from the admin's own code goes through it), and the stylesheet. */

struct yk_sb {
    char *b; /* owned, NUL-terminated; take it or free it */
    size_t len, cap;
    bool failed; /* out of memory: the page must not be sent */
};

/* Appends n bytes as they are (markup the code wrote). */
void yk_sb_put(struct yk_sb *s, const char *t, size_t n);

/* Appends markup the code wrote (a string literal), as it is. */
void yk_sb_raw(struct yk_sb *s, const char *t);

/* Appends text with & < > " ' escaped: safe in element content and in quoted attributes.
 * NULL appends nothing. */
void yk_sb_text(struct yk_sb *s, const char *t);

/* Appends a number. */
void yk_sb_int(struct yk_sb *s, int64_t v);

/* Appends "zh<span class=en>en</span>" with both escaped: the admin's labels. */
void yk_sb_label(struct yk_sb *s, const char *zh, const char *en);

/* The admin's stylesheet (served as /admin/admin.css; no inline styles: the CSP forbids
 * them). */
extern const char yk_admin_css[];

#endif
