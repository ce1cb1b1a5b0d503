#ifndef YK_ADMIN_FORM_H
#define YK_ADMIN_FORM_H

#include <stdbool.h>
#include <stddef.h>

/* The admin's parsers of outside input: form bodies (application/x-www-form-urlencoded and
 * multipart/form-data) and the Cookie header. Pure, bounded, fuzzed (fuzz_admin_form). */

#define YK_FORM_MAX_FIELDS 64
#define YK_FORM_MAX_VALUE (64 * 1024) /* bytes of one text field */

struct yk_form_file {
    const char *filename;     /* as sent (never used as a path); "" when none */
    const char *content_type; /* as sent (not trusted: the admin checks the bytes) */
    const char *data;         /* points into the body given to yk_form_parse */
    size_t len;
};

struct yk_form {
    int n;
    char *name[YK_FORM_MAX_FIELDS];
    char *value[YK_FORM_MAX_FIELDS];              /* NUL-terminated, valid UTF-8 */
    struct yk_form_file file[YK_FORM_MAX_FIELDS]; /* data != NULL for file parts */
};

/* Parses body (len bytes) of Content-Type ctype into f (which needs no initialisation).
 * Text values must be valid UTF-8 without NUL or control characters other than tab, CR and
 * LF, at most YK_FORM_MAX_VALUE bytes; CR LF becomes LF. Returns false (f empty) when the body
 * is malformed, of another type, or has more than YK_FORM_MAX_FIELDS fields. File parts
 * point into body: it must outlive f. Free with yk_form_free in every case. */
bool yk_form_parse(const char *ctype, const char *body, size_t len, struct yk_form *f);

/* The first value of the field name, or NULL. */
const char *yk_form_get(const struct yk_form *f, const char *name);

/* The file part called name, or NULL. */
const struct yk_form_file *yk_form_file(const struct yk_form *f, const char *name);

/* Frees f's strings. NULL-safe; f can be parsed into again. */
void yk_form_free(struct yk_form *f);

/* Copies the value of cookie name from a Cookie header into out (n bytes, NUL-terminated).
 * False when absent, empty or longer than n - 1. */
bool yk_cookie_get(const char *header, const char *name, char *out, size_t n);

#endif
