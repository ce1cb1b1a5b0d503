#ifndef YK_ADMIN_HTML_H
#define YK_ADMIN_HTML_H

#include "hub/hub_page.h"

#include <stdint.h>

/* The admin's HTML, on the hub's page builder (hub_page.h: yk_hub_html_raw for markup the code
 * wrote, and THE escaping function yk_hub_html_text, which every text that did not come from
 * the admin's own code goes through), plus the admin's stylesheet. */

/* Appends a number. */
void yk_admin_html_int(struct yk_hub_html *s, int64_t v);

/* Appends "zh <span class=en>en</span>" with both escaped: the admin's labels. */
void yk_admin_html_label(struct yk_hub_html *s, const char *zh, const char *en);

/* The admin's stylesheet (served as /admin/admin.css; no inline styles in the admin). */
extern const char yk_admin_css[];

#endif
