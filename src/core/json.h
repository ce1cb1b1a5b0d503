#ifndef YK_JSON_H
#define YK_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Strict, bounded JSON (RFC 8259) for the sync protocol, used by the hub and the kiosk.
 *
 * Parser: jansson (JSON_REJECT_DUPLICATES) under the project's stricter rules, so that
 * whatever it accepts is unambiguous:
 *   - numbers are integers only, in int64 range ("-0", fractions and exponents are refused:
 *     the protocol has no other numbers; times are integer unix seconds);
 *   - strings must be valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF);
 *     \u escapes must pair surrogates properly; \u0000 is refused (strings are C strings);
 *   - no duplicate keys in an object; depth, size, node count and members per object are
 *     capped (struct yk_json_limits), checked on the raw text before jansson allocates;
 *   - one value with optional whitespace around it; nothing after it.
 * The reason for a refusal (doc->error) never quotes the input, so it may be sent back.
 * Memory: jansson's tree while parsing, then the document's own copy (one string buffer the
 * size of the input plus node blocks), all freed by yk_json_free. Time: linear in the input.
 *
 * Writer: builds a document into a growing buffer, with commas and escaping done for the
 * caller; a string that is not valid UTF-8 makes the whole document fail. */

enum yk_json_type {
    YK_JSON_NULL,
    YK_JSON_BOOL,
    YK_JSON_INT,
    YK_JSON_STRING,
    YK_JSON_ARRAY,
    YK_JSON_OBJECT,
};

/* One value of a parsed document. Owned by its yk_json_doc; valid until yk_json_free. */
struct yk_json {
    enum yk_json_type type;
    const char *key; /* member name (decoded, NUL-terminated) when in an object, else NULL */
    size_t key_len;
    const char *str;       /* YK_JSON_STRING: decoded, NUL-terminated (no NUL inside) */
    size_t len;            /* YK_JSON_STRING: bytes in str; ARRAY/OBJECT: number of children */
    int64_t num;           /* YK_JSON_INT */
    bool b;                /* YK_JSON_BOOL */
    struct yk_json *first; /* ARRAY/OBJECT: first child, in document order */
    struct yk_json *next;  /* next sibling */
};

struct yk_json_limits {
    size_t max_bytes;   /* input size (0: 4 MiB) */
    int max_depth;      /* nesting of arrays/objects (0: 32) */
    size_t max_nodes;   /* values in the document (0: 1 << 20) */
    size_t max_members; /* members in one object (0: 128) */
};

struct yk_node_block;

struct yk_json_doc {
    struct yk_json *root; /* NULL unless the last parse succeeded */
    char *strings;        /* decoded strings and keys */
    struct yk_node_block *blocks;
    size_t nodes;
    char error[96]; /* why the parse failed, with the byte offset; "" on success */
};

/* Parses text (len bytes; need not be NUL-terminated) under lim (NULL: the defaults).
 * On success doc->root is the top value and true is returned; on failure doc holds no
 * memory, doc->error says why and where, and false is returned. doc needs no
 * initialisation; free it with yk_json_free in both cases. */
bool yk_json_parse(struct yk_json_doc *doc, const char *text, size_t len,
                   const struct yk_json_limits *lim);

/* Frees everything doc holds. NULL-safe and idempotent. */
void yk_json_free(struct yk_json_doc *doc);

/* The member called key of object obj, or NULL (also when obj is NULL or not an object). */
const struct yk_json *yk_json_get(const struct yk_json *obj, const char *key);

/* Typed getters: true and *out set when obj has member key of that type, else false.
 * yk_json_get_str gives the string owned by the document. */
bool yk_json_get_int(const struct yk_json *obj, const char *key, int64_t *out);
bool yk_json_get_str(const struct yk_json *obj, const char *key, const char **out);
bool yk_json_get_bool(const struct yk_json *obj, const char *key, bool *out);

/* True when obj is absent or JSON null (an optional field left out). */
bool yk_json_is_null(const struct yk_json *v);

/* True when s (len bytes) is valid UTF-8 as the parser and writer define it (no surrogates,
 * no overlongs, nothing above U+10FFFF; NUL allowed here). */
bool yk_json_utf8_valid(const char *s, size_t len);

/* Writer ------------------------------------------------------------------------------------ */

struct yk_jw {
    char *buf; /* the document so far, NUL-terminated; owned (yk_jw_take hands it over) */
    size_t len;
    size_t cap;
    size_t max; /* fail past this many bytes (0: no limit beyond memory) */
    int depth;
    bool first[33];  /* per level: no value written yet (commas) */
    bool is_obj[33]; /* per level: an object (keys needed) */
    bool after_key;
    bool failed; /* out of memory, invalid UTF-8, over max, misuse: the document is void */
};

/* Starts an empty document; max caps its size in bytes (0: unlimited). */
void yk_jw_init(struct yk_jw *w, size_t max);

/* Frees the buffer. NULL-safe. */
void yk_jw_destroy(struct yk_jw *w);

void yk_jw_obj_begin(struct yk_jw *w);
void yk_jw_obj_end(struct yk_jw *w);
void yk_jw_arr_begin(struct yk_jw *w);
void yk_jw_arr_end(struct yk_jw *w);
/* The next member's name (inside an object only; each value in an object needs one). */
void yk_jw_key(struct yk_jw *w, const char *key);
/* A string value; s NULL writes null. yk_jw_strn takes a length (s need not end in NUL). */
void yk_jw_str(struct yk_jw *w, const char *s);
void yk_jw_strn(struct yk_jw *w, const char *s, size_t len);
void yk_jw_int(struct yk_jw *w, int64_t v);
void yk_jw_bool(struct yk_jw *w, bool v);
void yk_jw_null(struct yk_jw *w);

/* key + value in one call, for objects. */
void yk_jw_kstr(struct yk_jw *w, const char *key, const char *s);
void yk_jw_kint(struct yk_jw *w, const char *key, int64_t v);
void yk_jw_kbool(struct yk_jw *w, const char *key, bool v);

/* True when the document is complete (every object/array closed, one top value) and
 * nothing failed. */
bool yk_jw_ok(const struct yk_jw *w);

/* Hands the buffer to the caller (who frees it) when yk_jw_ok; else frees it and returns
 * NULL. *len gets the length when not NULL. w is empty afterwards. */
char *yk_jw_take(struct yk_jw *w, size_t *len);

#endif
