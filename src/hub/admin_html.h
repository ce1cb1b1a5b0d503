#ifndef YK_ADMIN_HTML_H
#define YK_ADMIN_HTML_H

#include "hub/hub_page.h"

#include <stdbool.h>
#include <stdint.h>

/* The admin's HTML, on the hub's page builder (hub_page.h: yk_hub_html_raw for markup the code
 * wrote, and THE escaping function yk_hub_html_text, which every text that did not come from
 * the admin's own code goes through), plus the admin's stylesheet. */

/* Appends a number. */
void yk_admin_html_int(struct yk_hub_html *s, int64_t v);

/* Appends "zh <span class=en>en</span>" with both escaped: the admin's labels. */
void yk_admin_html_label(struct yk_hub_html *s, const char *zh, const char *en);

/* Appends one CSV cell (then "," or, when last, CR LF): quoted, quotes doubled, and a cell
 * starting with = + - @ tab or CR gets a leading ' so that no spreadsheet runs it as a
 * formula (OWASP "CSV injection"). */
void yk_admin_csv_cell(struct yk_hub_html *s, const char *v, bool last);

/* The admin's stylesheet (served as /admin/admin.css; no inline styles in the admin). */
extern const char yk_admin_css[];

#endif
