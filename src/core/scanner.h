#ifndef YK_SCANNER_H
#define YK_SCANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Barcode-scanner input on the check-in screen.
 *
 * A USB scanner is a keyboard: what it reads arrives as SDL_TEXTINPUT chunks (up to 31
 * bytes, split anywhere, even inside a UTF-8 sequence) and key events (Return, Tab). This
 * module puts the chunks back together into scans and says what each scan is. It is pure
 * logic: the caller passes the time, nothing here reads a clock or touches SDL.
 *
 * ASSEMBLY
 * - A scan ends at Return/Enter or Tab (yk_scanner_feed_key, or CR, LF, TAB inside the
 *   text), or after a quiet gap: no input for params.quiet_gap_ms (80 ms by default).
 *   Scanners type a whole code within a few ms per character; people type slower than one
 *   key per 80 ms, so a person typing makes one-character fragments.
 * - Fragments shorter than params.min_burst characters (4 by default) are dropped without
 *   a scan: they are a person's keystrokes on a development keyboard (on the kiosk the
 *   scanner is normally the only keyboard; the on-screen keypad does not come through
 *   here, and a typed short code can be checked with yk_scan_classify). Fragments of
 *   min_burst characters or more always give a scan, garbage included.
 * - For core/ticket.h's tickets today: ticket window 189..189 (YK_TICKET_DIGITS), short
 *   code length 8 (YK_TICKET_SHORT_LEN); their QR is "HTTPS://HOST/T/<189 digits>".
 * - Input is bounded (YK_SCANNER_MAX bytes); anything longer is kept out and gives one
 *   garbage scan "too long" at its end.
 * - Up to YK_SCANNER_QUEUE finished scans wait for yk_scanner_take; when more arrive
 *   before the UI takes them, the oldest is dropped (logged).
 * - Times must all come from one monotonic millisecond clock; pass the event's own
 *   timestamp when there is one, and feed every queued event before calling take, so a
 *   slow frame does not look like a quiet gap.
 *
 * WHAT A SCAN MAY BE (yk_scan_classify), after normalisation:
 * - Dropped anywhere: C0 control characters (NUL, GS 0x1D used by GS1 codes, ESC...), DEL,
 *   C1 controls, BOM and zero-width spaces. CR, LF and TAB end the scan instead.
 * - Folded: full-width ASCII (U+FF01..U+FF5E, what a Chinese IME in full-width mode types)
 *   to ASCII, U+3000 to a space, 。 (U+3002, U+FF61) to '.'.
 * - Trimmed: spaces at both ends; then, repeatedly, an AIM symbology identifier at the
 *   start (']' + letter + letter-or-digit: "]Q1", "]C1", "]d2") and a backslash-escaped ECI
 *   designator as scanners type it ('\' + 6 digits: "\000026").
 * - YK_SCAN_TICKET, bare: only digits, between ticket_min_digits and ticket_max_digits.
 * - YK_SCAN_TICKET, from a URL: "http://" or "https://" (scheme and host any case, any
 *   host, optional port), whose query parameter t=<digits> or, failing that, last path
 *   segment (so ".../t/<digits>", ".../<digits>/", ".../<digits>?x=1#y") is a ticket code.
 *   Keyboard layouts: a scanner set up for US keys on a German, French... layout turns
 *   ':' '/' '?' '=' into other characters (Ö, -, ß, ´, non-ASCII too), while the letters of
 *   "http" and the digits usually survive. So when the text starts with "http" but is not
 *   a well-formed URL, the code is taken from its end: the last run of digits, after any
 *   trailing non-alphanumeric characters, preceded by a non-alphanumeric separator, of a
 *   ticket's length (scan.lenient_url says so). A wrong guess costs nothing: the code is
 *   verified against its signature afterwards (core/ticket.h).
 *   Not accepted: URLs without a scheme, other schemes, percent-encoded digits.
 * - YK_SCAN_SHORT_CODE: short_code_len Crockford base32 characters after dropping '-' and
 *   spaces inside (Crockford allows hyphens), any case, I/L read as 1 and O as 0; 'U' and
 *   punctuation are not allowed. Text starting "http" that yields no ticket is tried as a
 *   short code too ("HTTP-1234" is one). The code is returned in canonical upper case.
 *   A string of digits only is a ticket when its length is in the ticket window, else a
 *   short code when it has short_code_len digits (the two lengths must not overlap).
 * - YK_SCAN_GARBAGE otherwise, with a reason (enum yk_scan_error).
 * A scanner on a layout that moves the digits themselves (French AZERTY types "&é\"'("
 * unshifted) cannot be read; set the scanner to the keyboard's layout or to digits via
 * Alt codes. */

#define YK_SCANNER_MAX 512         /* bytes of one scan, after dropping control characters */
#define YK_SCANNER_QUEUE 4         /* finished scans waiting to be taken */
#define YK_SCANNER_QUIET_GAP_MS 80 /* default params.quiet_gap_ms */
#define YK_SCANNER_MIN_BURST 4     /* default params.min_burst */
#define YK_SCANNER_NO_DEADLINE INT64_MAX

struct yk_scanner_params {
    int ticket_min_digits; /* a ticket code is ticket_min_digits..ticket_max_digits digits */
    int ticket_max_digits; /* (1 <= min <= max <= YK_SCANNER_MAX) */
    int short_code_len;    /* Crockford base32 characters of a short code; 0 = no short codes;
                              must lie outside the ticket window */
    int quiet_gap_ms;      /* >= 1: this long without input ends a scan */
    int min_burst;         /* >= 1: shorter fragments are keystrokes, dropped */
};

enum yk_scan_kind { YK_SCAN_GARBAGE, YK_SCAN_TICKET, YK_SCAN_SHORT_CODE };

enum yk_scan_error {
    YK_SCAN_OK,           /* a ticket or short code */
    YK_SCAN_EMPTY,        /* nothing left after removing prefixes and control characters */
    YK_SCAN_TOO_LONG,     /* more than YK_SCANNER_MAX bytes */
    YK_SCAN_BAD_UTF8,     /* not valid UTF-8 */
    YK_SCAN_BAD_CHAR,     /* a character no code has (non-ASCII, 'U', punctuation...) */
    YK_SCAN_BAD_LENGTH,   /* digits or base32 of a length neither code has */
    YK_SCAN_URL_NO_CODE,  /* an http(s) URL without a ticket code in it */
    YK_SCAN_UNRECOGNISED, /* anything else */
};

struct yk_scan {
    enum yk_scan_kind kind;
    enum yk_scan_error error;      /* YK_SCAN_OK unless kind is YK_SCAN_GARBAGE */
    bool from_url;                 /* a ticket read out of a URL */
    bool lenient_url;              /* ... from a URL mangled by the keyboard layout */
    bool by_gap;                   /* ended by the quiet gap rather than Enter/Tab */
    char code[YK_SCANNER_MAX + 1]; /* ticket: digits; short code: upper-case Crockford
                                      base32; garbage: "" */
    int chars;                     /* characters of text input that made the scan (so the UI
                                      can take them back out of a focused text field) */
    int64_t started_ms, ended_ms;  /* first and last input of the scan */
};

struct yk_scanner {
    struct yk_scanner_params p;
    char buf[YK_SCANNER_MAX]; /* the scan being assembled, control characters dropped */
    size_t len;
    bool active;   /* a fragment is being assembled */
    bool overflow; /* it went past YK_SCANNER_MAX */
    int chars;
    int64_t started_ms, last_ms;
    struct yk_scan queue[YK_SCANNER_QUEUE];
    int q_head, q_count;
    unsigned long dropped; /* scans dropped because the queue was full */
};

enum yk_scanner_key { YK_SCANNER_KEY_ENTER, YK_SCANNER_KEY_TAB };

/* Fills p with the defaults for the gap and burst and the given code lengths. */
void yk_scanner_params_init(struct yk_scanner_params *p, int ticket_min_digits,
                            int ticket_max_digits, int short_code_len);

/* True when p is usable (see the field comments); logs what is wrong otherwise. */
bool yk_scanner_params_valid(const struct yk_scanner_params *p);

/* Starts an empty scanner with a copy of p. Returns false (logged) when p is not valid.
 * Owns no memory: no destroy needed. */
bool yk_scanner_init(struct yk_scanner *s, const struct yk_scanner_params *p);

/* Discards the fragment being assembled and every waiting scan (the screen changed). */
void yk_scanner_reset(struct yk_scanner *s);

/* Feeds a NUL-terminated text chunk (SDL_TEXTINPUT's text) that arrived at now_ms. */
void yk_scanner_feed_text(struct yk_scanner *s, const char *utf8, int64_t now_ms);

/* Feeds n bytes of text; NUL bytes inside are dropped like other control characters. */
void yk_scanner_feed_bytes(struct yk_scanner *s, const char *bytes, size_t n, int64_t now_ms);

/* Feeds a key that ends a scan (Return, keypad Enter, Tab) pressed at now_ms. */
void yk_scanner_feed_key(struct yk_scanner *s, enum yk_scanner_key key, int64_t now_ms);

/* Ends a fragment whose quiet gap has passed at now_ms, then moves the oldest finished scan
 * into *out and returns true; returns false when no scan is ready. */
bool yk_scanner_take(struct yk_scanner *s, int64_t now_ms, struct yk_scan *out);

/* When the UI loop must call yk_scanner_take next: 0 when a scan is waiting, the end of the
 * quiet gap while a fragment is being typed, YK_SCANNER_NO_DEADLINE when idle. */
int64_t yk_scanner_deadline(const struct yk_scanner *s);

/* Classifies n bytes of text as one scan (normalisation above), filling kind, error,
 * from_url, lenient_url, code and chars of *out (the other fields zero). Pure: the UI's
 * typed short-code field uses it too. Returns out->kind != YK_SCAN_GARBAGE. */
bool yk_scan_classify(const struct yk_scanner_params *p, const char *bytes, size_t n,
                      struct yk_scan *out);

/* A short English reason for an error, for logs ("too long"). Static string. */
const char *yk_scan_error_str(enum yk_scan_error e);

#endif
