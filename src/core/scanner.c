#include "core/scanner.h"

#include "core/base32.h"
#include "core/log.h"
#include "core/utf8.h"

#include <assert.h>
#include <string.h>

/* Stands for any character that no code contains (non-ASCII after folding). Safe as a
 * marker: control characters are gone by the time it is written. */
#define OTHER '\x01'

const char *yk_scan_error_str(enum yk_scan_error e)
{
    switch (e) {
    case YK_SCAN_OK:
        return "ok";
    case YK_SCAN_EMPTY:
        return "empty";
    case YK_SCAN_TOO_LONG:
        return "too long";
    case YK_SCAN_BAD_UTF8:
        return "invalid UTF-8";
    case YK_SCAN_BAD_CHAR:
        return "unexpected character";
    case YK_SCAN_BAD_LENGTH:
        return "wrong length";
    case YK_SCAN_URL_NO_CODE:
        return "URL without a ticket code";
    case YK_SCAN_UNRECOGNISED:
        return "not a code";
    }
    return "?";
}

void yk_scanner_params_init(struct yk_scanner_params *p, int ticket_min_digits,
                            int ticket_max_digits, int short_code_len)
{
    *p = (struct yk_scanner_params){
        .ticket_min_digits = ticket_min_digits,
        .ticket_max_digits = ticket_max_digits,
        .short_code_len = short_code_len,
        .quiet_gap_ms = YK_SCANNER_QUIET_GAP_MS,
        .min_burst = YK_SCANNER_MIN_BURST,
    };
}

bool yk_scanner_params_valid(const struct yk_scanner_params *p)
{
    if (p->ticket_min_digits < 1 || p->ticket_max_digits < p->ticket_min_digits ||
        p->ticket_max_digits > YK_SCANNER_MAX) {
        yk_error("scanner", "ticket length window %d..%d must lie within 1..%d",
                 p->ticket_min_digits, p->ticket_max_digits, YK_SCANNER_MAX);
        return false;
    }
    if (p->short_code_len < 0 || p->short_code_len > YK_SCANNER_MAX ||
        (p->short_code_len >= p->ticket_min_digits && p->short_code_len <= p->ticket_max_digits)) {
        /* An all-digit short code of a ticket's length could not be told apart. */
        yk_error("scanner", "short code length %d must be 0..%d and outside the ticket window",
                 p->short_code_len, YK_SCANNER_MAX);
        return false;
    }
    if (p->quiet_gap_ms < 1 || p->min_burst < 1) {
        yk_error("scanner", "quiet gap (%d ms) and minimum burst (%d) must be at least 1",
                 p->quiet_gap_ms, p->min_burst);
        return false;
    }
    return true;
}

/* Classification ------------------------------------------------------------------------ */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
    return is_digit(c) || is_alpha(c);
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return false;
    return n > 0;
}

static bool ticket_len_ok(const struct yk_scanner_params *p, size_t n)
{
    return n >= (size_t)p->ticket_min_digits && n <= (size_t)p->ticket_max_digits;
}

/* Decodes, drops invisible and control characters and folds what an IME or layout may
 * type instead of ASCII. Writes at most n bytes to a (one per kept code point).
 * Returns false on invalid UTF-8. */
static bool fold(const char *bytes, size_t n, char *a, size_t *alen, int *chars)
{
    size_t i = 0, o = 0;
    *chars = 0;
    while (i < n) {
        int32_t cp = yk_utf8_next(bytes, n, &i);
        if (cp < 0)
            return false;
        (*chars)++;
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
            continue; /* C0, DEL, C1 */
        if (cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060)
            continue; /* BOM, zero-width space/joiners, word joiner */
        char c;
        if (cp < 0x80)
            c = (char)cp;
        else if (cp >= 0xFF01 && cp <= 0xFF5E)
            c = (char)(cp - 0xFEE0); /* full-width ASCII */
        else if (cp == 0x3000)
            c = ' ';
        else if (cp == 0x3002 || cp == 0xFF61)
            c = '.';
        else
            c = OTHER;
        a[o++] = c;
    }
    *alen = o;
    return true;
}

/* Removes spaces at both ends of [*t, *t + *n). */
static void trim(const char **t, size_t *n)
{
    while (*n > 0 && **t == ' ')
        (*t)++, (*n)--;
    while (*n > 0 && (*t)[*n - 1] == ' ')
        (*n)--;
}

/* Removes leading AIM symbology identifiers ("]Q1") and typed ECI designators ("\000026"),
 * in any order and number, with spaces around them. */
static void strip_prefixes(const char **t, size_t *n)
{
    for (;;) {
        trim(t, n);
        const char *s = *t;
        if (*n >= 3 && s[0] == ']' && is_alpha(s[1]) && is_alnum(s[2])) {
            *t += 3, *n -= 3;
        } else if (*n >= 7 && s[0] == '\\' && all_digits(s + 1, 6)) {
            *t += 7, *n -= 7;
        } else {
            return;
        }
    }
}

/* A ticket code in [s, s + n) → out->code. */
static void set_ticket(struct yk_scan *out, const char *s, size_t n, bool url, bool lenient)
{
    memcpy(out->code, s, n);
    out->code[n] = '\0';
    out->kind = YK_SCAN_TICKET;
    out->error = YK_SCAN_OK;
    out->from_url = url;
    out->lenient_url = lenient;
}

static bool url_char(char c)
{
    /* RFC 3986 unreserved, reserved and '%': anything else means the text is not a URL
     * typed on a US layout. */
    return is_alnum(c) || (c != OTHER && strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL);
}

/* Reads a well-formed http(s) URL. Returns false when t is not one (the caller then tries
 * the lenient reading); true when it is, with out set to the ticket or URL_NO_CODE. */
static bool url_strict(const struct yk_scanner_params *p, const char *t, size_t n,
                       struct yk_scan *out)
{
    size_t i = 4; /* after "http", checked by the caller */
    if (i < n && lower(t[i]) == 's')
        i++;
    if (n - i < 3 || memcmp(t + i, "://", 3) != 0)
        return false;
    i += 3;
    size_t host = i;
    while (i < n && (is_alnum(t[i]) || t[i] == '.' || t[i] == '-' || t[i] == '_'))
        i++;
    if (i == host)
        return false;
    if (i < n && t[i] == ':') {
        size_t port = ++i;
        while (i < n && is_digit(t[i]))
            i++;
        if (i == port)
            return false;
    }
    if (i < n && t[i] != '/' && t[i] != '?' && t[i] != '#')
        return false;
    for (size_t k = i; k < n; k++)
        if (!url_char(t[k]))
            return false;

    size_t path = i, path_end = i;
    while (path_end < n && t[path_end] != '?' && t[path_end] != '#')
        path_end++;
    out->kind = YK_SCAN_GARBAGE;
    out->error = YK_SCAN_URL_NO_CODE;

    /* ?t=<code> wins over the path: the path may name the page, the parameter the ticket. */
    if (path_end < n && t[path_end] == '?') {
        size_t q = path_end + 1, q_end = q;
        while (q_end < n && t[q_end] != '#')
            q_end++;
        while (q < q_end) {
            size_t e = q;
            while (e < q_end && t[e] != '&' && t[e] != ';')
                e++;
            if (e - q >= 2 && lower(t[q]) == 't' && t[q + 1] == '=') {
                const char *v = t + q + 2;
                size_t vn = e - q - 2;
                if (all_digits(v, vn) && ticket_len_ok(p, vn))
                    set_ticket(out, v, vn, true, false);
                return true; /* a t= that is not a code is not looked past */
            }
            q = e + 1;
        }
    }
    size_t end = path_end;
    while (end > path && t[end - 1] == '/')
        end--;
    size_t seg = end;
    while (seg > path && t[seg - 1] != '/')
        seg--;
    if (all_digits(t + seg, end - seg) && ticket_len_ok(p, end - seg))
        set_ticket(out, t + seg, end - seg, true, false);
    return true;
}

/* A URL mangled by the keyboard layout: the last run of digits, behind a separator. */
static void url_lenient(const struct yk_scanner_params *p, const char *t, size_t n,
                        struct yk_scan *out)
{
    size_t end = n;
    while (end > 0 && !is_alnum(t[end - 1]))
        end--;
    size_t start = end;
    while (start > 0 && is_digit(t[start - 1]))
        start--;
    out->kind = YK_SCAN_GARBAGE;
    out->error = YK_SCAN_URL_NO_CODE;
    if (start > 0 && start < end && !is_alnum(t[start - 1]) && ticket_len_ok(p, end - start))
        set_ticket(out, t + start, end - start, true, true);
}

static void short_code(const struct yk_scanner_params *p, const char *t, size_t n,
                       struct yk_scan *out)
{
    size_t o = 0;
    out->kind = YK_SCAN_GARBAGE;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '-' || t[i] == ' ')
            continue;
        char c = yk_base32_fold(t[i]);
        if (!c) {
            out->error = t[i] == OTHER || is_alpha(t[i]) ? YK_SCAN_BAD_CHAR : YK_SCAN_UNRECOGNISED;
            return;
        }
        out->code[o++] = c;
    }
    out->code[o] = '\0';
    if (p->short_code_len == 0 || o != (size_t)p->short_code_len) {
        out->code[0] = '\0';
        out->error = p->short_code_len == 0 ? YK_SCAN_UNRECOGNISED : YK_SCAN_BAD_LENGTH;
        return;
    }
    out->kind = YK_SCAN_SHORT_CODE;
    out->error = YK_SCAN_OK;
}

bool yk_scan_classify(const struct yk_scanner_params *p, const char *bytes, size_t n,
                      struct yk_scan *out)
{
    memset(out, 0, sizeof *out);
    out->kind = YK_SCAN_GARBAGE;
    if (n > YK_SCANNER_MAX) {
        out->error = YK_SCAN_TOO_LONG;
        return false;
    }
    char a[YK_SCANNER_MAX];
    size_t len;
    if (!fold(bytes, n, a, &len, &out->chars)) {
        out->error = YK_SCAN_BAD_UTF8;
        return false;
    }
    const char *t = a;
    strip_prefixes(&t, &len);

    if (len == 0) {
        out->error = YK_SCAN_EMPTY;
    } else if (all_digits(t, len)) {
        if (ticket_len_ok(p, len))
            set_ticket(out, t, len, false, false);
        else if (p->short_code_len > 0 && len == (size_t)p->short_code_len)
            short_code(p, t, len, out);
        else
            out->error = YK_SCAN_BAD_LENGTH;
    } else if (len >= 4 && lower(t[0]) == 'h' && lower(t[1]) == 't' && lower(t[2]) == 't' &&
               lower(t[3]) == 'p') {
        if (!url_strict(p, t, len, out)) {
            url_lenient(p, t, len, out);
            /* Not a URL after all? A short code may begin with H, T, T, P too. */
            if (out->kind == YK_SCAN_GARBAGE) {
                struct yk_scan sc;
                memset(&sc, 0, sizeof sc);
                short_code(p, t, len, &sc);
                if (sc.kind == YK_SCAN_SHORT_CODE) {
                    memcpy(out->code, sc.code, sizeof sc.code);
                    out->kind = sc.kind;
                    out->error = sc.error;
                }
            }
        }
    } else {
        short_code(p, t, len, out);
    }
    if (out->kind == YK_SCAN_GARBAGE)
        out->code[0] = '\0';
    return out->kind != YK_SCAN_GARBAGE;
}

/* Assembly ------------------------------------------------------------------------------ */

bool yk_scanner_init(struct yk_scanner *s, const struct yk_scanner_params *p)
{
    memset(s, 0, sizeof *s);
    if (!yk_scanner_params_valid(p))
        return false;
    s->p = *p;
    return true;
}

void yk_scanner_reset(struct yk_scanner *s)
{
    struct yk_scanner_params p = s->p;
    unsigned long dropped = s->dropped;
    memset(s, 0, sizeof *s);
    s->p = p;
    s->dropped = dropped;
}

static void clear_fragment(struct yk_scanner *s)
{
    s->len = 0;
    s->active = false;
    s->overflow = false;
    s->chars = 0;
}

static void enqueue(struct yk_scanner *s, const struct yk_scan *scan)
{
    if (s->q_count == YK_SCANNER_QUEUE) {
        /* The UI is not taking scans (another screen?): the newest matter most. */
        s->q_head = (s->q_head + 1) % YK_SCANNER_QUEUE;
        s->q_count--;
        s->dropped++;
        yk_warn("scanner", "scan queue full: dropped the oldest scan (%lu so far)", s->dropped);
    }
    s->queue[(s->q_head + s->q_count) % YK_SCANNER_QUEUE] = *scan;
    s->q_count++;
}

/* Ends the fragment being assembled: a scan unless it is a person's keystrokes. */
static void finish(struct yk_scanner *s, bool by_gap)
{
    if (!s->active)
        return;
    if (s->overflow || s->chars >= s->p.min_burst) {
        struct yk_scan scan;
        if (s->overflow) {
            memset(&scan, 0, sizeof scan);
            scan.kind = YK_SCAN_GARBAGE;
            scan.error = YK_SCAN_TOO_LONG;
        } else {
            yk_scan_classify(&s->p, s->buf, s->len, &scan);
        }
        scan.chars = s->chars;
        scan.by_gap = by_gap;
        scan.started_ms = s->started_ms;
        scan.ended_ms = s->last_ms;
        enqueue(s, &scan);
    }
    clear_fragment(s);
}

static bool gap_passed(const struct yk_scanner *s, int64_t now_ms)
{
    /* A clock that went back is no gap. */
    return s->active && now_ms > s->last_ms &&
           (uint64_t)now_ms - (uint64_t)s->last_ms >= (uint64_t)s->p.quiet_gap_ms;
}

void yk_scanner_feed_bytes(struct yk_scanner *s, const char *bytes, size_t n, int64_t now_ms)
{
    if (gap_passed(s, now_ms))
        finish(s, true);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c == '\r' || c == '\n' || c == '\t') {
            /* A scanner set to send its suffix as a character rather than a key. */
            finish(s, false);
            continue;
        }
        if (c < 0x20 || c == 0x7F)
            continue; /* NUL, GS (GS1 separators), ESC...: in no code */
        if (!s->active) {
            s->active = true;
            s->started_ms = now_ms;
        }
        s->last_ms = now_ms;
        if ((c & 0xC0) != 0x80 && s->chars < YK_SCANNER_MAX * 4)
            s->chars++;
        if (s->len < sizeof s->buf)
            s->buf[s->len++] = (char)c;
        else
            s->overflow = true;
    }
}

void yk_scanner_feed_text(struct yk_scanner *s, const char *utf8, int64_t now_ms)
{
    yk_scanner_feed_bytes(s, utf8, strlen(utf8), now_ms);
}

void yk_scanner_feed_key(struct yk_scanner *s, enum yk_scanner_key key, int64_t now_ms)
{
    assert(key == YK_SCANNER_KEY_ENTER || key == YK_SCANNER_KEY_TAB);
    /* A key after the gap still ends the fragment: the gap would have ended it anyway, the
     * scan is the same either way. */
    finish(s, gap_passed(s, now_ms));
}

bool yk_scanner_take(struct yk_scanner *s, int64_t now_ms, struct yk_scan *out)
{
    if (gap_passed(s, now_ms))
        finish(s, true);
    if (s->q_count == 0)
        return false;
    *out = s->queue[s->q_head];
    s->q_head = (s->q_head + 1) % YK_SCANNER_QUEUE;
    s->q_count--;
    return true;
}

int64_t yk_scanner_deadline(const struct yk_scanner *s)
{
    if (s->q_count > 0)
        return 0;
    if (s->active)
        return s->last_ms > YK_SCANNER_NO_DEADLINE - s->p.quiet_gap_ms
                   ? YK_SCANNER_NO_DEADLINE - 1
                   : s->last_ms + s->p.quiet_gap_ms;
    return YK_SCANNER_NO_DEADLINE;
}
