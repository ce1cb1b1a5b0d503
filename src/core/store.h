#ifndef YK_STORE_H
#define YK_STORE_H

#include "core/db.h"

#include <stdbool.h>
#include <stddef.h>

/* The content the screens show, read from the database (the read side; kiosk records such
 * as sign-ups are written by their own modules). All SQL for these tables is in store.c.
 * Rows the hub has deleted (tombstones) are never returned.
 *
 * Ownership: every string and array in a result is a heap copy owned by the result. Free a
 * list with its yk_store_free_* function and a single row filled by yk_store_get_* with
 * its yk_store_*_clear function; both are NULL-safe and leave the struct zeroed, so freeing
 * twice is harmless. A failed call leaves its output zeroed (nothing to free, but freeing
 * is harmless). */

/* A content text in both languages (not platform/text.h's struct yk_text, the renderer).
 * zh is NULL only for an optional field that is unknown (hours, place...); en is NULL when
 * there is no translation: show zh instead (yk_pick in i18n.h does the fallback). */
struct yk_bitext {
    char *zh;
    char *en;
};

enum yk_store_rc { YK_STORE_OK, YK_STORE_NOT_FOUND, YK_STORE_ERROR };

/* Blocks (和美街区) --------------------------------------------------------------------- */

struct yk_block {
    char *id; /* "chuangyi", "yile", "renwen" */
    struct yk_bitext name, where, character, alliance, convention;
    int sort;
};
struct yk_block_list {
    struct yk_block *items;
    size_t count;
};

/* All blocks in display order. Returns false on error (logged). Free with
 * yk_store_free_blocks. */
bool yk_store_list_blocks(struct yk_db *db, struct yk_block_list *out);
/* Frees the list's rows and zeroes it. NULL-safe. */
void yk_store_free_blocks(struct yk_block_list *l);

/* Service lines (the five 滨江 lines) ---------------------------------------------------- */

struct yk_service_line {
    char *id;
    struct yk_bitext name, summary;
    int sort;
};
struct yk_service_line_list {
    struct yk_service_line *items;
    size_t count;
};

/* All service lines in display order. Returns false on error. Free with
 * yk_store_free_service_lines. */
bool yk_store_list_service_lines(struct yk_db *db, struct yk_service_line_list *out);
/* Frees the list's rows and zeroes it. NULL-safe. */
void yk_store_free_service_lines(struct yk_service_line_list *l);

/* Services and projects ------------------------------------------------------------------ */

enum yk_service_kind { YK_SERVICE_KIND_SERVICE, YK_SERVICE_KIND_PROJECT };

struct yk_service {
    char *id;
    enum yk_service_kind kind;
    char *series; /* "he" (和 series), "mei" (美 series) or NULL */
    struct yk_bitext title, summary, offers, audience, hours, place, contact;
    char *link_url; /* NULL or a URL to show as a QR code */
    char *block_id; /* NULL: not tied to a block */
    char *line_id;  /* NULL: not in a service line */
    int sort;
};
struct yk_service_list {
    struct yk_service *items;
    size_t count;
};
struct yk_service_filter {
    const char *line_id;  /* NULL = any */
    const char *block_id; /* NULL = any */
    int kind;             /* an enum yk_service_kind, or -1 = any */
};

/* Services matching f (NULL = all) in display order. Returns false on error. Free with
 * yk_store_free_services. */
bool yk_store_list_services(struct yk_db *db, const struct yk_service_filter *f,
                            struct yk_service_list *out);
/* Frees the list's rows and zeroes it. NULL-safe. */
void yk_store_free_services(struct yk_service_list *l);

/* Red teaching sites (any number: page through them) ------------------------------------- */

struct yk_site {
    char *id;
    struct yk_bitext name, intro, hours, location;
    int river_pos_m;  /* metres along the riverside, or -1 = unknown */
    char *photo_hash; /* NULL = no photo; look it up with yk_store_get_media */
    char *link_url;
    int sort;
    struct yk_bitext booking; /* how to book a visit (0005); NULL when unknown */
};
struct yk_site_list {
    struct yk_site *items;
    size_t count;
};

/* Number of sites into *count. Returns false on error. */
bool yk_store_count_sites(struct yk_db *db, int *count);
/* At most limit sites from offset, in display order. Returns false on error. Free with
 * yk_store_free_sites. */
bool yk_store_list_sites(struct yk_db *db, int offset, int limit, struct yk_site_list *out);
/* Frees the list's rows and zeroes it. NULL-safe. */
void yk_store_free_sites(struct yk_site_list *l);
/* Fills *out with the site id. Clear with yk_store_site_clear after YK_STORE_OK. */
enum yk_store_rc yk_store_get_site(struct yk_db *db, const char *id, struct yk_site *out);
/* Frees a site's fields and zeroes it. NULL-safe. */
void yk_store_site_clear(struct yk_site *s);

/* Media (images by content hash) --------------------------------------------------------- */

struct yk_media {
    char *hash;
    char *mime;           /* e.g. "image/jpeg" */
    unsigned char *bytes; /* size bytes (malloc'd, never NULL after YK_STORE_OK) */
    size_t size;
};

/* Fills *out with the image whose hash is hash. Clear with yk_store_media_clear. */
enum yk_store_rc yk_store_get_media(struct yk_db *db, const char *hash, struct yk_media *out);
/* Frees the media's fields and zeroes it. NULL-safe. */
void yk_store_media_clear(struct yk_media *m);

/* Events --------------------------------------------------------------------------------- */

enum yk_event_kind {
    YK_EVENT_CONSULT,    /* 社会责任日 kinds: 咨询服务类 */
    YK_EVENT_EXPERIENCE, /* 服务体验类 */
    YK_EVENT_CHARITY,    /* 公益活动类 */
    YK_EVENT_SUPPORT,    /* 社区资助类 */
    YK_EVENT_CEREMONY,   /* 街区仪式 */
    YK_EVENT_ISSUES,     /* 议题征集 */
    YK_EVENT_OTHER,
    YK_EVENT_KIND_COUNT
};
#define YK_EVENT_KIND_ANY (-1)

/* The database spelling of kind ("consult", ...). Static string. */
const char *yk_event_kind_name(enum yk_event_kind kind);
/* The kind named s; YK_EVENT_OTHER for an unknown name. */
enum yk_event_kind yk_event_kind_parse(const char *s);

struct yk_event {
    char *id;
    enum yk_event_kind kind;
    struct yk_bitext title, summary, host, place;
    char *block_id;                 /* NULL: not a block's event */
    long long starts_utc, ends_utc; /* unix seconds */
    long long signup_deadline_utc;  /* 0 = until the start */
    int capacity;                   /* people; 0 = no sign-up needed */
    int max_party;                  /* most people one sign-up may bring (>= 1) */
    int seats_held;                 /* seats this kiosk may confirm while offline */
    int seats_taken;                /* sum of party_size of confirmed sign-ups made here */
    int seats_left;                 /* max(0, capacity - seats_taken); 0 if no capacity */
    int held_left;                  /* max(0, seats_held - seats_taken) */
    char *link_url;
    long long rev;
    long long cancelled_utc; /* when the organiser cancelled it; 0 = not cancelled */
    char *photo_hash;        /* the event's own photo (0006); NULL = none: look it up with
                                yk_store_get_media, fall back to its site's */
};
struct yk_event_list {
    struct yk_event *items;
    size_t count;
};
struct yk_event_filter {
    long long now_utc;    /* events whose ends_utc > now_utc (running or to come) */
    const char *block_id; /* NULL = any */
    int kind;             /* an enum yk_event_kind, or YK_EVENT_KIND_ANY */
};

/* Number of upcoming events matching f into *count. Returns false on error. */
bool yk_store_count_upcoming_events(struct yk_db *db, const struct yk_event_filter *f, int *count);
/* At most limit upcoming events matching f from offset, by start time (then id).
 * Returns false on error. Free with yk_store_free_events. */
bool yk_store_list_upcoming_events(struct yk_db *db, const struct yk_event_filter *f, int offset,
                                   int limit, struct yk_event_list *out);
/* Frees the list's rows and zeroes it. NULL-safe. */
void yk_store_free_events(struct yk_event_list *l);
/* Fills *out with the event id, seats included. Clear with yk_store_event_clear. */
enum yk_store_rc yk_store_get_event(struct yk_db *db, const char *id, struct yk_event *out);
/* Frees an event's fields and zeroes it. NULL-safe. */
void yk_store_event_clear(struct yk_event *e);

/* Stations ------------------------------------------------------------------------------- */

struct yk_station {
    char *id;
    struct yk_bitext name, intro;
    int river_pos_m; /* metres along the riverside, or -1 = unknown */
    int sort;
    struct yk_bitext address, hours; /* zh NULL when unknown */
    char *phone;                     /* NULL when unknown */
};
struct yk_station_list {
    struct yk_station *items;
    size_t count;
};

/* All stations in display order. Returns false on error. Free with yk_store_free_stations. */
bool yk_store_list_stations(struct yk_db *db, struct yk_station_list *out);
/* Frees the list's rows and zeroes it. NULL-safe. */
void yk_store_free_stations(struct yk_station_list *l);
/* Fills *out with the station id. Clear with yk_store_station_clear. */
enum yk_store_rc yk_store_get_station(struct yk_db *db, const char *id, struct yk_station *out);
/* Frees a station's fields and zeroes it. NULL-safe. */
void yk_store_station_clear(struct yk_station *s);

/* Walk-in kinds (the buttons of the walk-in tally) --------------------------------------- */

struct yk_walkin_kind {
    char *id;
    struct yk_bitext name;
    int sort;
};
struct yk_walkin_kind_list {
    struct yk_walkin_kind *items;
    size_t count;
};

/* All walk-in kinds in display order. Returns false on error. Free with
 * yk_store_free_walkin_kinds. */
bool yk_store_list_walkin_kinds(struct yk_db *db, struct yk_walkin_kind_list *out);
/* Frees the list's rows and zeroes it. NULL-safe. */
void yk_store_free_walkin_kinds(struct yk_walkin_kind_list *l);

#endif
