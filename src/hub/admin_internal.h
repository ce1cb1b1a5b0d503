#ifndef YK_ADMIN_INTERNAL_H
#define YK_ADMIN_INTERNAL_H

#include "hub/admin.h"
#include "hub/admin_form.h"
#include "hub/admin_html.h"
#include "hub/hub_store_admin.h"

/* What the admin's pages share (admin_*.c only): the admin module's private header (admin.h
 * is its public face; tests/sh/include-cycles.py counts the two as one module). */

struct yk_admin_ctx {
    struct yk_hub_store *store;
    const struct yk_hub_request *rq;
    struct yk_hub_response *rs;
    int64_t now;
    bool signed_in;
    struct yk_admin_user user; /* when signed in */
    char csrf[YK_ADMIN_CSRF_LEN + 1];
    struct yk_form form; /* a POST's fields (checked for the CSRF token before any page) */
};

/* A query parameter, or NULL. */
const char *yk_admin_query(const struct yk_admin_ctx *c, const char *key);

/* True for the subdistrict's admins. */
bool yk_admin_is_admin(const struct yk_admin_ctx *c);

/* The station the signed-in user is limited to: NULL for admins (every station). */
const char *yk_admin_scope(const struct yk_admin_ctx *c);

/* THE check of who may touch an event: OK when event_id exists and the user may see it (an
 * admin: any; staff: their station's), with its station in station (64 bytes, "" = the
 * subdistrict's). Otherwise answers the request itself (404 for absent and for another
 * station's alike, so ids do not leak; 503 on a database error) and returns false. */
bool yk_admin_event_access(struct yk_admin_ctx *c, const char *event_id, char station[64]);

/* The same check for a volunteer. */
bool yk_admin_volunteer_access(struct yk_admin_ctx *c, const char *id, char station[64]);

/* The same check for a sign-up (by its event's station), filling g. */
bool yk_admin_signup_access(struct yk_admin_ctx *c, const char *id, struct yk_admin_signup *g);

/* Starts a page: doctype, head, the bar with navigation, <main>. */
void yk_admin_page_begin(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *title_zh,
                         const char *title_en);

/* Ends the page and sends it with status (the sb's buffer is taken). */
void yk_admin_page_send(struct yk_admin_ctx *c, struct yk_hub_html *s, int status);

/* yk_admin_page_send when the store's reads for the page succeeded (read_ok); else drops
 * the page and answers 503. */
void yk_admin_page_send_read(struct yk_admin_ctx *c, struct yk_hub_html *s, bool read_ok,
                             int status);

/* The hidden CSRF field every form of a signed-in page carries. */
void yk_admin_csrf_field(const struct yk_admin_ctx *c, struct yk_hub_html *s);

/* Answers with a whole page saying what went wrong (zh + en). */
void yk_admin_fail(struct yk_admin_ctx *c, int status, const char *zh, const char *en);

/* After a save's redirect (the query has done=…): the notice that it is saved and kiosks get
 * it at their next sync; else nothing. */
void yk_admin_notice_saved(const struct yk_admin_ctx *c, struct yk_hub_html *s);

/* yk_admin_fail with a store's message for a person, "zh / en" (its two halves). */
void yk_admin_fail_msg(struct yk_admin_ctx *c, int status, const char *msg);

/* Answers 303 See Other to location (a path the code made). */
void yk_admin_redirect(struct yk_admin_ctx *c, const char *location);

/* Adds a header line to the response ("Name: value"; value from the code, never raw input). */
void yk_admin_header(struct yk_admin_ctx *c, const char *name, const char *value);

/* Sends s (its buffer taken) as a CSV download called filename (from the code: no quotes),
 * or 503 when s failed. */
void yk_admin_send_csv(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *filename);

/* Sends body (taken) with a content type and status, with the admin's headers. */
void yk_admin_send(struct yk_admin_ctx *c, int status, const char *type, char *body, size_t len);

/* Shanghai time "YYYY-MM-DD HH:MM" (the forms' format) into out (24 bytes). */
void yk_admin_fmt_time(int64_t utc, char out[24]);

#define YK_ADMIN_PAGE_MAX 1000 /* the highest ?page= of a list */
#define YK_ADMIN_PAGE_ROWS 100 /* rows on a page of a list */

/* The page of a list asked for (?page=N, 1..YK_ADMIN_PAGE_MAX; anything else is 1). */
int yk_admin_page_no(const struct yk_admin_ctx *c);

/* "Previous" / "next" links for page of a list at path, carrying the query's keys
 * (NULL-terminated list of names the code chose) over; has_next: another page follows.
 * Nothing when the list fits on one page. */
void yk_admin_pager(const struct yk_admin_ctx *c, struct yk_hub_html *s, const char *path,
                    const char *const *keys, int page, bool has_next);

/* The month of the query's month=YYYY-MM (else the current Shanghai month): its label
 * ("YYYY-MM", 8 bytes) and [from, to) in unix seconds. */
void yk_admin_month(struct yk_admin_ctx *c, char label[8], int64_t *from, int64_t *to);

/* Minutes as "h:mm" (24 bytes). */
void yk_admin_duty_text(int64_t min, char out[24]);

/* The pages (one file each). */
void yk_admin_login(struct yk_admin_ctx *c); /* admin_session.c */
void yk_admin_logout(struct yk_admin_ctx *c);
void yk_admin_password(struct yk_admin_ctx *c);
void yk_admin_reset(struct yk_admin_ctx *c);
void yk_admin_events_page(struct yk_admin_ctx *c, const char *rest); /* admin_events.c */
void yk_admin_signups_page(struct yk_admin_ctx *c, const char *event_id,
                           bool csv); /* admin_signups.c */
void yk_admin_signup_action(struct yk_admin_ctx *c, const char *event_id, const char *signup_id,
                            bool promote);
void yk_admin_sheet_page(struct yk_admin_ctx *c, const char *event_id);
void yk_admin_calls_page(struct yk_admin_ctx *c, const char *event_id);
void yk_admin_event_preview(struct yk_admin_ctx *c, const char *event_id); /* admin_preview.c */
/* table: one of the admin's content tables (sites, stations, blocks, service_lines,
 * services); anyone signed in may look (shared content is readable by staff). */
void yk_admin_content_preview(struct yk_admin_ctx *c, const char *table, const char *id);
void yk_admin_users_page(struct yk_admin_ctx *c, const char *rest);  /* admin_users.c */
void yk_admin_kiosks_page(struct yk_admin_ctx *c, const char *rest); /* admin_kiosks.c */
void yk_admin_audit_page(struct yk_admin_ctx *c);
void yk_admin_content_page(struct yk_admin_ctx *c, const char *rest); /* admin_content.c */
void yk_admin_media_page(struct yk_admin_ctx *c, const char *hash);
void yk_admin_figures_page(struct yk_admin_ctx *c, bool csv);            /* admin_figures.c */
void yk_admin_volunteers_page(struct yk_admin_ctx *c, const char *rest); /* admin_volunteers.c */
void yk_admin_volunteers_csv(struct yk_admin_ctx *c);

#endif
