/* An event's own photo, end to end against the real hub on 127.0.0.1: station staff upload it
 * in the event form (checked like a site's photo: by its bytes, 2 MiB at most; a refused
 * upload changes nothing), the form shows it, a save without a file keeps it, a copy carries
 * it, the audit log has it; a kiosk's sync round brings the hash and the bytes into the
 * kiosk's database, and removing the photo clears it there at the next round. */
#include "admin/admin_client.h"
#include "sync/sync_kiosk.h"

#include "core/store.h"
#include "hub/admin.h"

#include <sodium.h>

#define EV_PATH_MAX 160

/* The event form's fields (all of them, as the browser posts them). */
static const char *const EVENT_FORM[] = {"title_zh",   "滨江健步走",
                                         "title_en",   "Riverside walk",
                                         "kind",       "charity",
                                         "starts_utc", "2027-03-06 09:30",
                                         "ends_utc",   "2027-03-06 11:30",
                                         "capacity",   "20",
                                         "max_party",  "2",
                                         "place_zh",   "滨江步道",
                                         NULL};

/* The whole event form posted to path, with more fields (NULL-terminated pairs, or NULL)
 * and a photo (or none). */
static struct ans form_post(const struct session *s, const char *path, const void *photo,
                            size_t len, const char *const *extra)
{
    const char *fields[40];
    int n = 0;
    for (int i = 0; EVENT_FORM[i]; i++)
        fields[n++] = EVENT_FORM[i];
    for (int i = 0; extra && extra[i]; i++)
        fields[n++] = extra[i];
    fields[n] = NULL;
    return mime_post(s, path, fields, photo, len, "image/png");
}

/* The form of event id saved. */
static struct ans event_post(const struct session *s, const char *id, const void *photo, size_t len,
                             const char *const *extra)
{
    char path[EV_PATH_MAX];
    snprintf(path, sizeof path, "/admin/events/%s/edit", id);
    return form_post(s, path, photo, len, extra);
}

static void sha256_hex(const void *b, size_t n, char hex[65])
{
    uint8_t d[32];
    crypto_hash_sha256(d, b, n);
    sodium_bin2hex(hex, 65, d, sizeof d);
}

/* The kiosk's photo_hash of the event ("" when NULL). */
static void kiosk_photo(struct sync_kiosk *k, const char *id, char out[80])
{
    struct yk_event e;
    out[0] = '\0';
    CHECK_EQ_INT(yk_store_get_event(&k->db, id, &e), YK_STORE_OK);
    snprintf(out, 80, "%s", e.photo_hash ? e.photo_hash : "");
    yk_store_event_clear(&e);
}

int main(void)
{
    struct session adm, st;
    admin_hub_up_staff(&adm, &st);
    char id[64];
    create_event(&st, "%E5%81%A5%E8%B5%B0", "", id);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM events WHERE id = '%s' AND photo_hash IS "
                            "NULL",
                            id),
                 1);
    long long media0 = hub_db_int(h.db, "SELECT count(*) FROM media");

    /* Refusals: not an image (whatever its declared type), too large: 400, the reason said in
     * both languages, nothing stored, the other fields (a new title) not saved either. */
    struct ans a = event_post(&st, id, "<html>hello</html>", 18, NULL);
    CHECK_EQ_INT(a.status, 400);
    CHECK(strstr(a.body, "照片须为 PNG、JPEG 或 WebP 图片") != NULL);
    CHECK(strstr(a.body, "The photo must be a PNG, JPEG or WebP image") != NULL);
    ans_free(&a);
    size_t big = YK_ADMIN_PHOTO_MAX + 1;
    char *b = calloc(1, big);
    memcpy(b, PNG, sizeof PNG);
    a = event_post(&st, id, b, big, NULL);
    free(b);
    CHECK_EQ_INT(a.status, 400);
    CHECK(strstr(a.body, "2 MiB at most") != NULL);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM media"), media0);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM events WHERE id = '%s' AND photo_hash IS "
                            "NULL AND title_zh = '健走'",
                            id),
                 1);

    /* Staff upload one: stored under its SHA-256, named by the event, in the change feed and
     * the audit log. */
    long long seq = hub_db_int(h.db, "SELECT max(seq) FROM changes");
    a = event_post(&st, id, PNG, sizeof PNG, NULL);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    char hex[65];
    sha256_hex(PNG, sizeof PNG, hex);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM events WHERE id = '%s' AND photo_hash = "
                            "'%s'",
                            id, hex),
                 1);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM changes WHERE seq > %lld AND ((tbl = "
                            "'events' AND row_id = '%s') OR (tbl = 'media' AND row_id = '%s'))",
                            seq, id, hex),
                 2);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_audit WHERE action = 'event.edit' AND "
                            "user_name = 'staff-a' AND instr(after, '\"photo_hash\":\"%s\"') > 0 "
                            "AND instr(before, '\"photo_hash\":null') > 0",
                            hex),
                 1);
    /* The form shows it, with a way to remove it; a save without a file keeps it. */
    char path[EV_PATH_MAX], want[200];
    snprintf(path, sizeof path, "/admin/events/%s/edit", id);
    a = req(path, st.cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    snprintf(want, sizeof want, "id=\"photo-now\" class=\"photo\" alt=\"\" src=\"/admin/media/%s\"",
             hex);
    CHECK(strstr(a.body, want) != NULL);
    CHECK(strstr(a.body, "id=\"photo-remove\"") != NULL);
    CHECK(strstr(a.body, "enctype=\"multipart/form-data\"") != NULL);
    ans_free(&a);
    /* The preview shows it as a large kiosk screen does. */
    snprintf(path, sizeof path, "/admin/events/%s/preview", id);
    a = req(path, st.cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    snprintf(want, sizeof want, "<img class=\"photo\" alt=\"\" src=\"/admin/media/%s\">", hex);
    CHECK(strstr(a.body, want) != NULL);
    ans_free(&a);
    a = event_post(&st, id, NULL, 0, NULL);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM events WHERE photo_hash = '%s'", hex), 1);

    /* A kiosk's round brings the hash and the bytes. */
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d", h.port);
    struct sync_kiosk k;
    int64_t now = 1796000000; /* 2026-12 */
    sk_open(&k, &h, url, "evphoto", now, 0, 0, 0);
    CHECK_EQ_INT(sk_round(&k, now), YK_SYNC_OK);
    char on_kiosk[80];
    kiosk_photo(&k, id, on_kiosk);
    CHECK_EQ_STR(on_kiosk, hex);
    struct yk_media m;
    CHECK_EQ_INT(yk_store_get_media(&k.db, hex, &m), YK_STORE_OK);
    CHECK(m.size == sizeof PNG && memcmp(m.bytes, PNG, sizeof PNG) == 0);
    yk_store_media_clear(&m);

    /* A copy ("same as last month") carries the photo on. */
    snprintf(path, sizeof path, "/admin/events/%s/copy", id);
    a = req(path, st.cookie, NULL);
    snprintf(want, sizeof want, "name=\"photo_keep\" value=\"%s\"", hex);
    CHECK(strstr(a.body, want) != NULL);
    ans_free(&a);
    const char *const keep[] = {"photo_keep", hex, NULL};
    a = form_post(&st, "/admin/events/new", NULL, 0, keep);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM events WHERE photo_hash = '%s'", hex), 2);
    /* ... but only a hash this hub holds. */
    const char *const bogus[] = {"photo_keep",
                                 "0000000000000000000000000000000000000000000000000"
                                 "000000000000000",
                                 NULL};
    a = form_post(&st, "/admin/events/new", NULL, 0, bogus);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM events WHERE photo_hash LIKE '0000%%'"), 0);

    /* Removed: NULL on the hub, in the audit log, and on the kiosk after its next round. */
    const char *const remove[] = {"photo_remove", "1", NULL};
    a = event_post(&st, id, NULL, 0, remove);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM events WHERE id = '%s' AND photo_hash IS "
                            "NULL",
                            id),
                 1);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_audit WHERE action = 'event.edit' AND "
                            "instr(before, '\"photo_hash\":\"%s\"') > 0 AND instr(after, "
                            "'\"photo_hash\":null') > 0",
                            hex),
                 1);
    CHECK_EQ_INT(sk_round(&k, now + 60), YK_SYNC_OK);
    kiosk_photo(&k, id, on_kiosk);
    CHECK_EQ_STR(on_kiosk, "");
    sk_close(&k);

    /* Another station's event is out of reach by URL, photo or not. */
    char theirs[64];
    create_event(&adm, "%E5%85%B6%E4%BB%96", "", theirs);
    a = event_post(&st, theirs, PNG, sizeof PNG, NULL);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM events WHERE id = '%s' AND photo_hash IS "
                            "NULL",
                            theirs),
                 1);

    static char log[1 << 16];
    admin_hub_stop(log, sizeof log);
    hub_cleanup(&h);
    return yk_test_done();
}
