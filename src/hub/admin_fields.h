#ifndef YK_ADMIN_FIELDS_H
#define YK_ADMIN_FIELDS_H

#include "core/i18n.h"
#include "hub/admin_internal.h"
#include "hub/hub_kiosk_words.h"

/* The admin's forms over content rows: a table of field specs, the posted values checked
 * against them with a message per field (zh + en), and the inputs drawn. Events, sites,
 * stations, blocks, services and volunteers all use it. */

enum yk_admin_ftype {
    YK_F_TEXT,  /* one line */
    YK_F_AREA,  /* several lines */
    YK_F_INT,   /* a whole number in min..max */
    YK_F_TIME,  /* "YYYY-MM-DD HH:MM", Shanghai time; stored as UTC seconds */
    YK_F_KIND,  /* an event kind */
    YK_F_REF,   /* the id of a live row of the content table ref */
    YK_F_URL,   /* http:// or https:// */
    YK_F_CHOICE /* one of choices */
};

struct yk_admin_field {
    const char *col, *zh, *en;
    enum yk_admin_ftype type;
    bool required;
    long long min, max;         /* INT: range; TEXT, AREA, URL: most bytes */
    const char *hint;           /* shown under the input (TIME, URL: as its placeholder) */
    const char *needs;          /* an _en field: its _zh column, which must be filled first */
    const char *ref;            /* REF: the table */
    const char *const *choices; /* CHOICE: NULL-terminated */
};

/* Two fields: a text in Chinese (col_zh) and its English (col_en, which needs the Chinese
 * first), with max bytes each; labels "zh（中文）" / "en (Chinese)" and "zh（英文）" / "en
 * (English)". TEXT: one line; AREA: several. Neither is required. */
#define YK_ADMIN_TEXT2(col, zh, en, max)                                                           \
    {col "_zh", zh "（中文）", en " (Chinese)", YK_F_TEXT, false, 0, max, NULL, NULL, NULL, NULL}, \
    {                                                                                              \
        col "_en", zh "（英文）", en " (English)", YK_F_TEXT, false, 0, max, NULL, col "_zh",      \
            NULL, NULL                                                                             \
    }
#define YK_ADMIN_AREA2(col, zh, en, max)                                                           \
    {col "_zh", zh "（中文）", en " (Chinese)", YK_F_AREA, false, 0, max, NULL, NULL, NULL, NULL}, \
    {                                                                                              \
        col "_en", zh "（英文）", en " (English)", YK_F_AREA, false, 0, max, NULL, col "_zh",      \
            NULL, NULL                                                                             \
    }

#define YK_ADMIN_FIELDS_MAX 32

struct yk_admin_form {
    const struct yk_admin_field *fields;
    size_t n;
    const char *shown[YK_ADMIN_FIELDS_MAX]; /* what each input shows (borrowed) */
    char buf[YK_ADMIN_FIELDS_MAX][24];      /* numbers and times formatted for shown */
    int64_t num[YK_ADMIN_FIELDS_MAX];       /* INT and TIME values that passed */
    bool has[YK_ADMIN_FIELDS_MAX];
    const char *msg_zh[YK_ADMIN_FIELDS_MAX], *msg_en[YK_ADMIN_FIELDS_MAX];
    bool bad;
};

/* Starts f over fields (n <= YK_ADMIN_FIELDS_MAX). */
void yk_admin_form_init(struct yk_admin_form *f, const struct yk_admin_field *fields, size_t n);

/* Checks the posted values of every field into set (the columns to write: NULL for an empty
 * field; a field not posted at all is neither checked nor written: a create then meets the
 * schema's NOT NULL); f gets what the inputs
 * show again and a message per bad field. */
void yk_admin_form_check(struct yk_admin_ctx *c, struct yk_admin_form *f, struct yk_admin_row *set);

/* Marks col bad with a message (the first message of a field stays). */
void yk_admin_form_bad(struct yk_admin_form *f, const char *col, const char *zh, const char *en);

/* The index of col in f's fields, or -1. */
int yk_admin_form_index(const struct yk_admin_form *f, const char *col);

/* The inputs show row r (times shifted by shift seconds: copies). */
void yk_admin_form_from_row(struct yk_admin_form *f, const struct yk_admin_row *r, int64_t shift);

/* Draws every field (label, input, hint, message); read_only: disabled inputs. */
void yk_admin_form_draw(struct yk_admin_ctx *c, struct yk_hub_html *s,
                        const struct yk_admin_form *f, bool read_only);

/* <option>s of the live rows of table (id, "name_zh · name_en"), selected marked. */
void yk_admin_options(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *table,
                      const char *selected);

/* True when id is a live row of table. */
bool yk_admin_ref_exists(struct yk_admin_ctx *c, const char *table, const char *id);

/* An event kind's name (the kiosk's, yk_hub_kiosk_text): "zh <span class=en>en</span>", or
 * "zh · en" when plain (an option). */
void yk_admin_kind_label(struct yk_hub_html *s, const char *kind, bool plain);

/* The event kinds (the kiosk's), NULL-terminated. */
extern const char *const yk_admin_kinds[];

/* The <img> of photo (a media hash; NULL: nothing), with the element id id (from the code;
 * NULL: none): the form's current photo and the previews' alike. admin_content.c. */
void yk_admin_photo_img(struct yk_hub_html *s, const char *photo, const char *id);

/* The photo field of a form over a row with photo_hash (sites, events; the form is
 * multipart/form-data): the current photo (its hash, or NULL), and unless read_only a file
 * input and, when there is a photo, a "remove" box; keep: the form carries the photo on
 * (a copy of an event: photo_keep). admin_content.c. */
void yk_admin_photo_field(struct yk_hub_html *s, const char *photo, bool read_only, bool keep);

/* The posted photo field into set: a file (checked by its first bytes: PNG, JPEG or WebP, at
 * most YK_ADMIN_PHOTO_MAX, whatever the browser declared) is stored in media and its SHA-256
 * set as photo_hash; else "photo_remove" = 1 sets it NULL; else a photo_keep naming media
 * this hub holds is set; else set is left as it is (the photo unchanged). Returns NULL, or
 * the refusal to show the person ("zh / en"; nothing stored). */
const char *yk_admin_photo_take(struct yk_admin_ctx *c, struct yk_admin_row *set);

/* "YYYY-MM-DD HH:MM" (or with a T), Shanghai time, to UTC. */
bool yk_admin_parse_time(const char *v, int64_t *out);

#endif
