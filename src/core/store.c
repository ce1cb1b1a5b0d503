#include "core/store.h"

#include "core/grow.h"

#include "core/log.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a result row column after column, so that each table's reader lists its fields in
 * the order of its column list and nobody counts indexes. oom records a failed copy. */
struct row {
    sqlite3_stmt *st;
    int col;
    bool oom;
};

typedef void (*read_fn)(struct row *r, void *item);
typedef void (*clear_fn)(void *item);

static void store_fail(struct yk_db *db, const char *what)
{
    snprintf(db->error, sizeof db->error, "Cannot read %s (%s)", what, sqlite3_errmsg(db->handle));
    yk_error("store", "%s: %s", what, sqlite3_errmsg(db->handle));
}

static char *next_str(struct row *r)
{
    int i = r->col++;
    /* The type first: asking for text converts the value. */
    if (sqlite3_column_type(r->st, i) == SQLITE_NULL)
        return NULL;
    const unsigned char *s = sqlite3_column_text(r->st, i);
    int n = sqlite3_column_bytes(r->st, i);
    char *copy = s ? malloc((size_t)n + 1) : NULL;
    if (!copy) {
        r->oom = true;
        return NULL;
    }
    memcpy(copy, s, (size_t)n);
    copy[n] = '\0';
    return copy;
}

static struct yk_bitext next_text(struct row *r)
{
    struct yk_bitext t;
    t.zh = next_str(r);
    t.en = next_str(r);
    return t;
}

static long long next_ll(struct row *r)
{
    return sqlite3_column_int64(r->st, r->col++);
}

static int next_int(struct row *r)
{
    return sqlite3_column_int(r->st, r->col++);
}

/* An INTEGER column where NULL means unknown: -1. */
static int next_int_or_minus1(struct row *r)
{
    int i = r->col++;
    return sqlite3_column_type(r->st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(r->st, i);
}

static void text_free(struct yk_bitext *t)
{
    free(t->zh);
    free(t->en);
}

/* Steps st to the end, reading each row into a growing array of items of `size` bytes.
 * Finalizes st. On failure frees what it read and returns false with *items NULL. */
static bool fetch_all(struct yk_db *db, sqlite3_stmt *st, const char *what, size_t size,
                      read_fn read, clear_fn clear, void **items_out, size_t *count_out)
{
    char *items = NULL;
    size_t n = 0, cap = 0;
    bool ok = true;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!yk_grow((void **)&items, &cap, n + 1, size)) {
            ok = false;
            break;
        }
        void *item = items + n * size;
        memset(item, 0, size);
        struct row r = {st, 0, false};
        read(&r, item);
        n++;
        if (r.oom) {
            ok = false;
            break;
        }
    }
    if (!ok) {
        snprintf(db->error, sizeof db->error, "Out of memory reading %s", what);
        yk_error("store", "out of memory reading %s", what);
    } else if (rc != SQLITE_DONE) {
        store_fail(db, what);
        ok = false;
    }
    sqlite3_finalize(st);
    if (!ok) {
        for (size_t i = 0; i < n; i++)
            clear(items + i * size);
        free(items);
        items = NULL;
        n = 0;
    }
    *items_out = items;
    *count_out = n;
    return ok;
}

/* Steps st once: one row read into item, or none. Finalizes st. */
static enum yk_store_rc fetch_one(struct yk_db *db, sqlite3_stmt *st, const char *what,
                                  read_fn read, clear_fn clear, void *item)
{
    enum yk_store_rc rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        struct row r = {st, 0, false};
        read(&r, item);
        rc = YK_STORE_OK;
        if (r.oom) {
            clear(item);
            snprintf(db->error, sizeof db->error, "Out of memory reading %s", what);
            yk_error("store", "out of memory reading %s", what);
            rc = YK_STORE_ERROR;
        }
    } else if (step == SQLITE_DONE) {
        rc = YK_STORE_NOT_FOUND;
    } else {
        store_fail(db, what);
        rc = YK_STORE_ERROR;
    }
    sqlite3_finalize(st);
    return rc;
}

static bool count_rows(struct yk_db *db, sqlite3_stmt *st, const char *what, int *count)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *count = sqlite3_column_int(st, 0);
    else
        store_fail(db, what);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW;
}

/* Clears each of count items, then frees the array. */
static void free_list(void *items, size_t count, size_t size, clear_fn clear)
{
    for (size_t i = 0; i < count; i++)
        clear((char *)items + i * size);
    free(items);
}

/* blocks --------------------------------------------------------------------------------- */

#define BLOCK_COLS                                                                                 \
    "id, name_zh, name_en, where_zh, where_en, character_zh, character_en, alliance_zh, "          \
    "alliance_en, convention_zh, convention_en, sort"

static void read_block(struct row *r, void *item)
{
    struct yk_block *b = item;
    b->id = next_str(r);
    b->name = next_text(r);
    b->where = next_text(r);
    b->character = next_text(r);
    b->alliance = next_text(r);
    b->convention = next_text(r);
    b->sort = next_int(r);
}

static void clear_block(void *item)
{
    struct yk_block *b = item;
    free(b->id);
    text_free(&b->name);
    text_free(&b->where);
    text_free(&b->character);
    text_free(&b->alliance);
    text_free(&b->convention);
    memset(b, 0, sizeof *b);
}

bool yk_store_list_blocks(struct yk_db *db, struct yk_block_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT " BLOCK_COLS " FROM blocks WHERE deleted = 0 ORDER BY sort, id");
    if (!st)
        return false;
    void *items;
    bool ok = fetch_all(db, st, "blocks", sizeof *out->items, read_block, clear_block, &items,
                        &out->count);
    out->items = items;
    return ok;
}

void yk_store_free_blocks(struct yk_block_list *l)
{
    if (!l)
        return;
    free_list(l->items, l->count, sizeof *l->items, clear_block);
    memset(l, 0, sizeof *l);
}

/* service_lines -------------------------------------------------------------------------- */

static void read_service_line(struct row *r, void *item)
{
    struct yk_service_line *s = item;
    s->id = next_str(r);
    s->name = next_text(r);
    s->summary = next_text(r);
    s->sort = next_int(r);
}

static void clear_service_line(void *item)
{
    struct yk_service_line *s = item;
    free(s->id);
    text_free(&s->name);
    text_free(&s->summary);
    memset(s, 0, sizeof *s);
}

bool yk_store_list_service_lines(struct yk_db *db, struct yk_service_line_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT id, name_zh, name_en, summary_zh, summary_en, "
                                         "sort FROM service_lines WHERE deleted = 0 "
                                         "ORDER BY sort, id");
    if (!st)
        return false;
    void *items;
    bool ok = fetch_all(db, st, "service lines", sizeof *out->items, read_service_line,
                        clear_service_line, &items, &out->count);
    out->items = items;
    return ok;
}

void yk_store_free_service_lines(struct yk_service_line_list *l)
{
    if (!l)
        return;
    free_list(l->items, l->count, sizeof *l->items, clear_service_line);
    memset(l, 0, sizeof *l);
}

/* services ------------------------------------------------------------------------------- */

static void read_service(struct row *r, void *item)
{
    struct yk_service *s = item;
    s->id = next_str(r);
    char *kind = next_str(r);
    s->kind =
        kind && strcmp(kind, "project") == 0 ? YK_SERVICE_KIND_PROJECT : YK_SERVICE_KIND_SERVICE;
    free(kind);
    s->series = next_str(r);
    s->title = next_text(r);
    s->summary = next_text(r);
    s->offers = next_text(r);
    s->audience = next_text(r);
    s->hours = next_text(r);
    s->place = next_text(r);
    s->contact = next_text(r);
    s->link_url = next_str(r);
    s->block_id = next_str(r);
    s->line_id = next_str(r);
    s->sort = next_int(r);
}

static void clear_service(void *item)
{
    struct yk_service *s = item;
    free(s->id);
    free(s->series);
    text_free(&s->title);
    text_free(&s->summary);
    text_free(&s->offers);
    text_free(&s->audience);
    text_free(&s->hours);
    text_free(&s->place);
    text_free(&s->contact);
    free(s->link_url);
    free(s->block_id);
    free(s->line_id);
    memset(s, 0, sizeof *s);
}

bool yk_store_list_services(struct yk_db *db, const struct yk_service_filter *f,
                            struct yk_service_list *out)
{
    memset(out, 0, sizeof *out);
    /* Tens of rows: one statement with optional filters is simpler than one per filter. */
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT id, kind, series, title_zh, title_en, summary_zh, summary_en, offers_zh, "
            "offers_en, audience_zh, audience_en, hours_zh, hours_en, place_zh, place_en, "
            "contact_zh, contact_en, link_url, block_id, line_id, sort FROM services "
            "WHERE deleted = 0 AND (?1 IS NULL OR line_id = ?1) "
            "AND (?2 IS NULL OR block_id = ?2) AND (?3 IS NULL OR kind = ?3) "
            "ORDER BY sort, id");
    if (!st)
        return false;
    if (f) {
        assert(f->kind >= -1 && f->kind <= YK_SERVICE_KIND_PROJECT);
        if (f->line_id)
            sqlite3_bind_text(st, 1, f->line_id, -1, SQLITE_STATIC);
        if (f->block_id)
            sqlite3_bind_text(st, 2, f->block_id, -1, SQLITE_STATIC);
        if (f->kind >= 0)
            sqlite3_bind_text(st, 3, f->kind == YK_SERVICE_KIND_PROJECT ? "project" : "service", -1,
                              SQLITE_STATIC);
    }
    void *items;
    bool ok = fetch_all(db, st, "services", sizeof *out->items, read_service, clear_service, &items,
                        &out->count);
    out->items = items;
    return ok;
}

void yk_store_free_services(struct yk_service_list *l)
{
    if (!l)
        return;
    free_list(l->items, l->count, sizeof *l->items, clear_service);
    memset(l, 0, sizeof *l);
}

/* sites ---------------------------------------------------------------------------------- */

#define SITE_COLS                                                                                  \
    "id, name_zh, name_en, intro_zh, intro_en, hours_zh, hours_en, location_zh, location_en, "     \
    "river_pos_m, photo_hash, link_url, sort, booking_zh, booking_en"

static void read_site(struct row *r, void *item)
{
    struct yk_site *s = item;
    s->id = next_str(r);
    s->name = next_text(r);
    s->intro = next_text(r);
    s->hours = next_text(r);
    s->location = next_text(r);
    s->river_pos_m = next_int_or_minus1(r);
    s->photo_hash = next_str(r);
    s->link_url = next_str(r);
    s->sort = next_int(r);
    s->booking = next_text(r);
}

static void clear_site(void *item)
{
    struct yk_site *s = item;
    free(s->id);
    text_free(&s->name);
    text_free(&s->intro);
    text_free(&s->hours);
    text_free(&s->location);
    text_free(&s->booking);
    free(s->photo_hash);
    free(s->link_url);
    memset(s, 0, sizeof *s);
}

bool yk_store_count_sites(struct yk_db *db, int *count)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT count(*) FROM sites WHERE deleted = 0");
    return st && count_rows(db, st, "sites", count);
}

bool yk_store_list_sites(struct yk_db *db, int offset, int limit, struct yk_site_list *out)
{
    assert(offset >= 0 && limit >= 0);
    memset(out, 0, sizeof *out);
    /* sites_by_sort serves both the order and the page: no sort step with 200+ sites. */
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT " SITE_COLS " FROM sites WHERE deleted = 0 "
                                         "ORDER BY sort, id LIMIT ?1 OFFSET ?2");
    if (!st)
        return false;
    sqlite3_bind_int(st, 1, limit);
    sqlite3_bind_int(st, 2, offset);
    void *items;
    bool ok =
        fetch_all(db, st, "sites", sizeof *out->items, read_site, clear_site, &items, &out->count);
    out->items = items;
    return ok;
}

void yk_store_free_sites(struct yk_site_list *l)
{
    if (!l)
        return;
    free_list(l->items, l->count, sizeof *l->items, clear_site);
    memset(l, 0, sizeof *l);
}

enum yk_store_rc yk_store_get_site(struct yk_db *db, const char *id, struct yk_site *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT " SITE_COLS " FROM sites WHERE id = ?1 AND deleted = 0");
    if (!st)
        return YK_STORE_ERROR;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return fetch_one(db, st, "a site", read_site, clear_site, out);
}

void yk_store_site_clear(struct yk_site *s)
{
    if (s)
        clear_site(s);
}

/* media ---------------------------------------------------------------------------------- */

enum yk_store_rc yk_store_get_media(struct yk_db *db, const char *hash, struct yk_media *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT hash, mime, bytes FROM media WHERE hash = ?1");
    if (!st)
        return YK_STORE_ERROR;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    enum yk_store_rc rc;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        struct row r = {st, 0, false};
        out->hash = next_str(&r);
        out->mime = next_str(&r);
        const void *blob = sqlite3_column_blob(st, 2);
        out->size = (size_t)sqlite3_column_bytes(st, 2);
        out->bytes = malloc(out->size ? out->size : 1); /* never NULL, even when empty */
        if (out->bytes && out->size)
            memcpy(out->bytes, blob, out->size);
        rc = YK_STORE_OK;
        if (r.oom || !out->bytes) {
            yk_store_media_clear(out);
            snprintf(db->error, sizeof db->error, "Out of memory reading an image");
            yk_error("store", "out of memory reading media %s", hash);
            rc = YK_STORE_ERROR;
        }
    } else if (step == SQLITE_DONE) {
        rc = YK_STORE_NOT_FOUND;
    } else {
        store_fail(db, "an image");
        rc = YK_STORE_ERROR;
    }
    sqlite3_finalize(st);
    return rc;
}

void yk_store_media_clear(struct yk_media *m)
{
    if (!m)
        return;
    free(m->hash);
    free(m->mime);
    free(m->bytes);
    memset(m, 0, sizeof *m);
}

/* events --------------------------------------------------------------------------------- */

static const char *const event_kind_names[YK_EVENT_KIND_COUNT] = {
    [YK_EVENT_CONSULT] = "consult",   [YK_EVENT_EXPERIENCE] = "experience",
    [YK_EVENT_CHARITY] = "charity",   [YK_EVENT_SUPPORT] = "support",
    [YK_EVENT_CEREMONY] = "ceremony", [YK_EVENT_ISSUES] = "issues",
    [YK_EVENT_OTHER] = "other",
};

const char *yk_event_kind_name(enum yk_event_kind kind)
{
    assert(kind >= 0 && kind < YK_EVENT_KIND_COUNT);
    return event_kind_names[kind];
}

enum yk_event_kind yk_event_kind_parse(const char *s)
{
    for (int k = 0; s && k < YK_EVENT_KIND_COUNT; k++)
        if (strcmp(s, event_kind_names[k]) == 0)
            return (enum yk_event_kind)k;
    return YK_EVENT_OTHER;
}

/* Seats taken counts only this kiosk's confirmed sign-ups (signups_by_event). */
#define EVENT_COLS                                                                                 \
    "e.id, e.kind, e.title_zh, e.title_en, e.summary_zh, e.summary_en, e.host_zh, e.host_en, "     \
    "e.place_zh, e.place_en, e.block_id, e.starts_utc, e.ends_utc, e.signup_deadline_utc, "        \
    "e.capacity, e.max_party, e.seats_held, e.link_url, e.rev, e.cancelled_utc, e.photo_hash, "    \
    "(SELECT coalesce(sum(s.party_size), 0) FROM signups AS s "                                    \
    " WHERE s.event_id = e.id AND s.status = 'confirmed')"

static void read_event(struct row *r, void *item)
{
    struct yk_event *e = item;
    e->id = next_str(r);
    char *kind = next_str(r);
    e->kind = yk_event_kind_parse(kind);
    free(kind);
    e->title = next_text(r);
    e->summary = next_text(r);
    e->host = next_text(r);
    e->place = next_text(r);
    e->block_id = next_str(r);
    e->starts_utc = next_ll(r);
    e->ends_utc = next_ll(r);
    e->signup_deadline_utc = next_ll(r); /* NULL reads as 0 */
    e->capacity = next_int(r);           /* NULL reads as 0 */
    e->max_party = next_int(r);
    e->seats_held = next_int(r);
    e->link_url = next_str(r);
    e->rev = next_ll(r);
    e->cancelled_utc = next_ll(r); /* NULL reads as 0 */
    e->photo_hash = next_str(r);
    e->seats_taken = next_int(r);
    int left = e->capacity - e->seats_taken;
    e->seats_left = e->capacity > 0 && left > 0 ? left : 0;
    int held = e->seats_held - e->seats_taken;
    e->held_left = held > 0 ? held : 0;
}

static void clear_event(void *item)
{
    struct yk_event *e = item;
    free(e->id);
    text_free(&e->title);
    text_free(&e->summary);
    text_free(&e->host);
    text_free(&e->place);
    free(e->block_id);
    free(e->link_url);
    free(e->photo_hash);
    memset(e, 0, sizeof *e);
}

/* One statement per filter combination, each with its WHERE spelled out, so that SQLite can
 * pick events_by_block / events_by_kind / events_upcoming (a generic "?2 IS NULL OR" would
 * hide the column from the planner). Index: bit 0 = block, bit 1 = kind. */
#define EVENT_WHERE "FROM events AS e WHERE e.deleted = 0 AND e.ends_utc > ?1"
#define EVENT_PAGE " ORDER BY e.starts_utc, e.id LIMIT ?4 OFFSET ?5"
static const char *const upcoming_sql[4] = {
    "SELECT " EVENT_COLS " " EVENT_WHERE EVENT_PAGE,
    "SELECT " EVENT_COLS " " EVENT_WHERE " AND e.block_id = ?2" EVENT_PAGE,
    "SELECT " EVENT_COLS " " EVENT_WHERE " AND e.kind = ?3" EVENT_PAGE,
    "SELECT " EVENT_COLS " " EVENT_WHERE " AND e.block_id = ?2 AND e.kind = ?3" EVENT_PAGE,
};
static const char *const upcoming_count_sql[4] = {
    "SELECT count(*) " EVENT_WHERE,
    "SELECT count(*) " EVENT_WHERE " AND e.block_id = ?2",
    "SELECT count(*) " EVENT_WHERE " AND e.kind = ?3",
    "SELECT count(*) " EVENT_WHERE " AND e.block_id = ?2 AND e.kind = ?3",
};

static sqlite3_stmt *prepare_upcoming(struct yk_db *db, const char *const sql[4],
                                      const struct yk_event_filter *f)
{
    assert(f && f->kind >= YK_EVENT_KIND_ANY && f->kind < YK_EVENT_KIND_COUNT);
    int which = (f->block_id ? 1 : 0) | (f->kind != YK_EVENT_KIND_ANY ? 2 : 0);
    sqlite3_stmt *st = yk_db_prepare(db, sql[which]);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, f->now_utc);
    if (f->block_id)
        sqlite3_bind_text(st, 2, f->block_id, -1, SQLITE_STATIC);
    if (f->kind != YK_EVENT_KIND_ANY)
        sqlite3_bind_text(st, 3, yk_event_kind_name((enum yk_event_kind)f->kind), -1,
                          SQLITE_STATIC);
    return st;
}

bool yk_store_count_upcoming_events(struct yk_db *db, const struct yk_event_filter *f, int *count)
{
    sqlite3_stmt *st = prepare_upcoming(db, upcoming_count_sql, f);
    return st && count_rows(db, st, "events", count);
}

bool yk_store_list_upcoming_events(struct yk_db *db, const struct yk_event_filter *f, int offset,
                                   int limit, struct yk_event_list *out)
{
    assert(offset >= 0 && limit >= 0);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = prepare_upcoming(db, upcoming_sql, f);
    if (!st)
        return false;
    sqlite3_bind_int(st, 4, limit);
    sqlite3_bind_int(st, 5, offset);
    void *items;
    bool ok = fetch_all(db, st, "events", sizeof *out->items, read_event, clear_event, &items,
                        &out->count);
    out->items = items;
    return ok;
}

void yk_store_free_events(struct yk_event_list *l)
{
    if (!l)
        return;
    free_list(l->items, l->count, sizeof *l->items, clear_event);
    memset(l, 0, sizeof *l);
}

enum yk_store_rc yk_store_get_event(struct yk_db *db, const char *id, struct yk_event *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT " EVENT_COLS
                                         " FROM events AS e WHERE e.id = ?1 AND e.deleted = 0");
    if (!st)
        return YK_STORE_ERROR;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return fetch_one(db, st, "an event", read_event, clear_event, out);
}

void yk_store_event_clear(struct yk_event *e)
{
    if (e)
        clear_event(e);
}

/* stations ------------------------------------------------------------------------------- */

#define STATION_COLS                                                                               \
    "id, name_zh, name_en, intro_zh, intro_en, river_pos_m, sort, address_zh, address_en, "        \
    "hours_zh, hours_en, phone"

static void read_station(struct row *r, void *item)
{
    struct yk_station *s = item;
    s->id = next_str(r);
    s->name = next_text(r);
    s->intro = next_text(r);
    s->river_pos_m = next_int_or_minus1(r);
    s->sort = next_int(r);
    s->address = next_text(r);
    s->hours = next_text(r);
    s->phone = next_str(r);
}

static void clear_station(void *item)
{
    struct yk_station *s = item;
    free(s->id);
    text_free(&s->name);
    text_free(&s->intro);
    text_free(&s->address);
    text_free(&s->hours);
    free(s->phone);
    memset(s, 0, sizeof *s);
}

bool yk_store_list_stations(struct yk_db *db, struct yk_station_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT " STATION_COLS
                                         " FROM stations WHERE deleted = 0 ORDER BY sort, id");
    if (!st)
        return false;
    void *items;
    bool ok = fetch_all(db, st, "stations", sizeof *out->items, read_station, clear_station, &items,
                        &out->count);
    out->items = items;
    return ok;
}

void yk_store_free_stations(struct yk_station_list *l)
{
    if (!l)
        return;
    free_list(l->items, l->count, sizeof *l->items, clear_station);
    memset(l, 0, sizeof *l);
}

enum yk_store_rc yk_store_get_station(struct yk_db *db, const char *id, struct yk_station *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT " STATION_COLS " FROM stations WHERE id = ?1 AND deleted = 0");
    if (!st)
        return YK_STORE_ERROR;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return fetch_one(db, st, "a station", read_station, clear_station, out);
}

void yk_store_station_clear(struct yk_station *s)
{
    if (s)
        clear_station(s);
}

/* walkin_kinds --------------------------------------------------------------------------- */

static void read_walkin_kind(struct row *r, void *item)
{
    struct yk_walkin_kind *k = item;
    k->id = next_str(r);
    k->name = next_text(r);
    k->sort = next_int(r);
}

static void clear_walkin_kind(void *item)
{
    struct yk_walkin_kind *k = item;
    free(k->id);
    text_free(&k->name);
    memset(k, 0, sizeof *k);
}

bool yk_store_list_walkin_kinds(struct yk_db *db, struct yk_walkin_kind_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT id, name_zh, name_en, sort FROM walkin_kinds "
                                         "WHERE deleted = 0 ORDER BY sort, id");
    if (!st)
        return false;
    void *items;
    bool ok = fetch_all(db, st, "walk-in kinds", sizeof *out->items, read_walkin_kind,
                        clear_walkin_kind, &items, &out->count);
    out->items = items;
    return ok;
}

void yk_store_free_walkin_kinds(struct yk_walkin_kind_list *l)
{
    if (!l)
        return;
    free_list(l->items, l->count, sizeof *l->items, clear_walkin_kind);
    memset(l, 0, sizeof *l);
}
