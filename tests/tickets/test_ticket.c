/* Ticket codes, keys, URLs, short codes and phone rules (src/core/ticket.c). */
#include "check.h"
#include "tickets_util.h"

#include "core/phone.h"
#include "core/qr.h"
#include "core/ticket.h"
#include "core/ticket_keys.h"

#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define EVENT "srd-2026-12"
#define REAL_HUB "https://hub.wuliqiao.example.cn/"

static const uint8_t SEED_A[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
static const uint8_t SEED_B[32] = {42, 42, 42};

static struct yk_ticket_pubkey pub_of(const struct yk_ticket_keys *k, int64_t cutoff)
{
    struct yk_ticket_pubkey p = {.cutoff_utc = cutoff};
    memcpy(p.public_key, k->public_key, sizeof p.public_key);
    return p;
}

static void make_code(const struct yk_ticket_keys *k, const char *event, uint32_t serial,
                      int64_t now_s, char code[YK_TICKET_DIGITS + 1])
{
    struct yk_ticket t;
    yk_ticket_sign(k, event, serial, now_s, &t);
    yk_ticket_encode(&t, code);
}

static enum yk_ticket_rc verify_str(const char *s, const struct yk_ticket_pubkey *keys, size_t n)
{
    struct yk_ticket t;
    return yk_ticket_verify(s, strlen(s), keys, n, &t);
}

static void test_round_trip(void)
{
    struct yk_ticket_keys a;
    yk_ticket_keys_from_seed(&a, SEED_A);
    struct yk_ticket t, back;
    yk_ticket_sign(&a, EVENT, 42, T0_S, &t);
    char code[YK_TICKET_DIGITS + 1];
    yk_ticket_encode(&t, code);
    CHECK_EQ_INT(strlen(code), YK_TICKET_DIGITS);
    CHECK_EQ_INT(strspn(code, "0123456789"), YK_TICKET_DIGITS); /* any keyboard layout */

    struct yk_ticket_pubkey keys[] = {pub_of(&a, 0)};
    CHECK_EQ_INT(yk_ticket_verify(code, strlen(code), keys, 1, &back), YK_TICKET_OK);
    CHECK_EQ_INT(back.version, YK_TICKET_VERSION);
    CHECK(memcmp(back.key_id, a.key_id, YK_TICKET_KEY_ID_LEN) == 0);
    CHECK_EQ_INT(back.event_hash, yk_ticket_event_hash(EVENT));
    CHECK(yk_ticket_event_matches(&back, EVENT));
    CHECK(!yk_ticket_event_matches(&back, "srd-2027-01"));
    CHECK_EQ_INT(back.serial, 42);
    CHECK_EQ_INT(back.issue_day, T0_S / DAY_S);
    CHECK(memcmp(&back, &t, sizeof t) == 0);
    char again[YK_TICKET_DIGITS + 1];
    yk_ticket_encode(&back, again);
    CHECK_EQ_STR(again, code);

    /* Extreme field values survive the encoding too. */
    struct yk_ticket hi = t;
    hi.serial = UINT32_MAX;
    hi.issue_day = UINT16_MAX;
    memset(hi.signature, 0xff, sizeof hi.signature);
    memset(hi.key_id, 0xff, sizeof hi.key_id);
    hi.event_hash = UINT32_MAX;
    yk_ticket_encode(&hi, again);
    CHECK_EQ_INT(yk_ticket_decode(again, strlen(again), &back), YK_TICKET_OK);
    CHECK(memcmp(&back, &hi, sizeof hi) == 0);

    /* A different serial, event or day gives a different code. */
    char other[YK_TICKET_DIGITS + 1];
    make_code(&a, EVENT, 43, T0_S, other);
    CHECK(strcmp(other, code) != 0);
    printf("sample code (%zu digits): %s\n", strlen(code), code);
    yk_ticket_keys_destroy(&a);
}

/* Every one-character change of a code, at every position and to every other digit, must
 * fail verification. */
static void test_every_single_change_fails(void)
{
    struct yk_ticket_keys a;
    yk_ticket_keys_from_seed(&a, SEED_A);
    struct yk_ticket_pubkey keys[] = {pub_of(&a, 0)};
    char code[YK_TICKET_DIGITS + 1];
    make_code(&a, EVENT, 7, T0_S, code);
    int tried = 0, accepted = 0, by_rc[YK_TICKET_ERROR + 1] = {0};
    for (int i = 0; i < YK_TICKET_DIGITS; i++) {
        for (char d = '0'; d <= '9'; d++) {
            if (d == code[i])
                continue;
            char bad[YK_TICKET_DIGITS + 1];
            memcpy(bad, code, sizeof bad);
            bad[i] = d;
            enum yk_ticket_rc rc = verify_str(bad, keys, 1);
            tried++;
            by_rc[rc]++;
            if (rc == YK_TICKET_OK) {
                accepted++;
                fprintf(stderr, "changed digit %d to %c was accepted\n", i, d);
            }
        }
        /* A non-digit in its place is a format error. */
        char bad[YK_TICKET_DIGITS + 1];
        memcpy(bad, code, sizeof bad);
        bad[i] = 'A';
        CHECK_EQ_INT(verify_str(bad, keys, 1), YK_TICKET_BAD_FORMAT);
    }
    CHECK_EQ_INT(tried, 9 * YK_TICKET_DIGITS);
    CHECK_EQ_INT(accepted, 0);
    printf("%d single-digit changes: %d bad-format, %d unknown-key, %d bad-signature\n", tried,
           by_rc[YK_TICKET_BAD_FORMAT], by_rc[YK_TICKET_UNKNOWN_KEY],
           by_rc[YK_TICKET_BAD_SIGNATURE]);
    /* Swapping two neighbouring different digits fails too. */
    int swaps = 0;
    for (int i = 0; i + 1 < YK_TICKET_DIGITS; i++) {
        if (code[i] == code[i + 1])
            continue;
        char bad[YK_TICKET_DIGITS + 1];
        memcpy(bad, code, sizeof bad);
        bad[i] = code[i + 1];
        bad[i + 1] = code[i];
        CHECK(verify_str(bad, keys, 1) != YK_TICKET_OK);
        swaps++;
    }
    CHECK(swaps > 100);
    yk_ticket_keys_destroy(&a);
}

static void test_strict_format(void)
{
    struct yk_ticket_keys a;
    yk_ticket_keys_from_seed(&a, SEED_A);
    struct yk_ticket_pubkey keys[] = {pub_of(&a, 0)};
    char code[YK_TICKET_DIGITS + 1], buf[700];
    make_code(&a, EVENT, 1, T0_S, code);

    CHECK_EQ_INT(verify_str("", keys, 1), YK_TICKET_BAD_FORMAT);
    struct yk_ticket t;
    CHECK_EQ_INT(yk_ticket_verify(NULL, 0, keys, 1, &t), YK_TICKET_BAD_FORMAT);
    snprintf(buf, sizeof buf, "%.*s", YK_TICKET_DIGITS - 1, code); /* one short */
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_BAD_FORMAT);
    snprintf(buf, sizeof buf, "%s0", code); /* one long */
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_BAD_FORMAT);
    snprintf(buf, sizeof buf, "0%s", code);
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_BAD_FORMAT);
    /* Too large a number for its bytes (and the version digit right). */
    memset(buf, '9', YK_TICKET_DIGITS);
    buf[0] = '1';
    buf[YK_TICKET_DIGITS] = '\0';
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_BAD_FORMAT);
    /* The first digit is the version. */
    CHECK_EQ_INT(code[0], '1');
    /* An embedded NUL is not skipped. */
    memcpy(buf, code, sizeof code);
    buf[100] = '\0';
    CHECK_EQ_INT(yk_ticket_verify(buf, YK_TICKET_DIGITS, keys, 1, &t), YK_TICKET_BAD_FORMAT);
    /* Another version is refused before any key is looked at. */
    yk_ticket_sign(&a, EVENT, 1, T0_S, &t);
    t.version = 2;
    yk_ticket_encode(&t, buf);
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_BAD_FORMAT);

    /* What scanners add around the data is ignored: Enter, an AIM id, an ECI designator. */
    snprintf(buf, sizeof buf, "%s\r\n", code);
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_OK);
    snprintf(buf, sizeof buf, "]Q1%s\n", code);
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_OK);
    snprintf(buf, sizeof buf, "\\000026%s", code);
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_OK);
    snprintf(buf, sizeof buf, "  \t%s  ", code);
    CHECK_EQ_INT(verify_str(buf, keys, 1), YK_TICKET_OK);
    char out[YK_TICKET_DIGITS + 1];
    CHECK(yk_ticket_extract(buf, strlen(buf), out));
    CHECK_EQ_STR(out, code);
    yk_ticket_keys_destroy(&a);
}

static void test_other_kiosk_and_revocation(void)
{
    struct yk_ticket_keys a, b;
    yk_ticket_keys_from_seed(&a, SEED_A);
    yk_ticket_keys_from_seed(&b, SEED_B);
    CHECK(memcmp(a.key_id, b.key_id, YK_TICKET_KEY_ID_LEN) != 0);
    char code_b[YK_TICKET_DIGITS + 1];
    make_code(&b, EVENT, 9, T0_S, code_b);

    struct yk_ticket_pubkey only_a[] = {pub_of(&a, 0)};
    CHECK_EQ_INT(verify_str(code_b, only_a, 1), YK_TICKET_UNKNOWN_KEY);
    struct yk_ticket_pubkey both[] = {pub_of(&a, 0), pub_of(&b, 0)};
    CHECK_EQ_INT(verify_str(code_b, both, 2), YK_TICKET_OK);
    CHECK_EQ_INT(verify_str(code_b, NULL, 0), YK_TICKET_UNKNOWN_KEY);

    /* Another key under the same key id (a clash) does not make a forgery valid: the
     * signature decides. */
    struct yk_ticket t;
    CHECK_EQ_INT(yk_ticket_decode(code_b, strlen(code_b), &t), YK_TICKET_OK);
    memcpy(t.key_id, a.key_id, YK_TICKET_KEY_ID_LEN); /* claims a, signed by b */
    char forged[YK_TICKET_DIGITS + 1];
    yk_ticket_encode(&t, forged);
    CHECK_EQ_INT(verify_str(forged, both, 2), YK_TICKET_BAD_SIGNATURE);

    /* Revocation: tickets issued on or after the revocation's UTC day are refused; earlier
     * ones stay valid. */
    int64_t revoked = T0_S + 2 * DAY_S;
    struct yk_ticket_pubkey b_revoked[] = {pub_of(&b, revoked)};
    CHECK_EQ_INT(verify_str(code_b, b_revoked, 1), YK_TICKET_OK);
    char late[YK_TICKET_DIGITS + 1];
    make_code(&b, EVENT, 10, revoked + 60, late);
    CHECK_EQ_INT(verify_str(late, b_revoked, 1), YK_TICKET_REVOKED_KEY);
    make_code(&b, EVENT, 11, revoked - revoked % DAY_S, late); /* first second of that day */
    CHECK_EQ_INT(verify_str(late, b_revoked, 1), YK_TICKET_REVOKED_KEY);
    make_code(&b, EVENT, 12, revoked - revoked % DAY_S - 1, late); /* last second before */
    CHECK_EQ_INT(verify_str(late, b_revoked, 1), YK_TICKET_OK);

    /* The same through the database: kiosk_keys decides, offline. */
    char dir[512];
    yk_scratch_dir(dir, sizeof dir, "tickets");
    struct yk_db db;
    CHECK(tk_open(&db, dir, T0_MS));
    CHECK(tk_event(&db, EVENT, T0_S + 10 * DAY_S, 0, 40, 4, 40));
    CHECK(tk_event(&db, "other-event", T0_S + 10 * DAY_S, 0, 40, 4, 40));
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code_b, strlen(code_b), EVENT, &t),
                 YK_TICKET_UNKNOWN_KEY);
    sqlite3_stmt *st = yk_db_prepare(&db, "INSERT INTO kiosk_keys (key_id, kiosk_id, public_key, "
                                          "valid_from_utc) VALUES (?1, 'other-kiosk', ?2, ?3)");
    CHECK(st);
    sqlite3_bind_text(st, 1, b.key_id_hex, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 2, b.public_key, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, T0_S);
    CHECK_EQ_INT(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code_b, strlen(code_b), EVENT, &t), YK_TICKET_OK);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code_b, strlen(code_b), NULL, &t), YK_TICKET_OK);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code_b, strlen(code_b), "other-event", &t),
                 YK_TICKET_WRONG_EVENT);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, forged, strlen(forged), EVENT, &t),
                 YK_TICKET_UNKNOWN_KEY); /* a's key is not in this database */

    char sql[300];
    snprintf(sql, sizeof sql, "UPDATE kiosk_keys SET revoked_utc = %lld WHERE key_id = '%s'",
             (long long)revoked, b.key_id_hex);
    CHECK_EQ_INT(tk_exec(&db, sql), SQLITE_DONE);
    make_code(&b, EVENT, 13, revoked + DAY_S, late);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, late, strlen(late), EVENT, &t), YK_TICKET_REVOKED_KEY);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code_b, strlen(code_b), EVENT, &t), YK_TICKET_OK);
    /* valid_until (a retired key) works the same way. */
    snprintf(sql, sizeof sql,
             "UPDATE kiosk_keys SET revoked_utc = NULL, valid_until_utc = %lld WHERE key_id = '%s'",
             (long long)revoked, b.key_id_hex);
    CHECK_EQ_INT(tk_exec(&db, sql), SQLITE_DONE);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, late, strlen(late), EVENT, &t), YK_TICKET_REVOKED_KEY);
    /* A deleted key row is no key. */
    snprintf(sql, sizeof sql, "UPDATE kiosk_keys SET deleted = 1 WHERE key_id = '%s'",
             b.key_id_hex);
    CHECK_EQ_INT(tk_exec(&db, sql), SQLITE_DONE);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code_b, strlen(code_b), EVENT, &t),
                 YK_TICKET_UNKNOWN_KEY);
    snprintf(sql, sizeof sql, "UPDATE kiosk_keys SET deleted = 0 WHERE key_id = '%s'",
             b.key_id_hex);
    CHECK_EQ_INT(tk_exec(&db, sql), SQLITE_DONE);

    /* A single ticket on the hub's revocation list. */
    st = yk_db_prepare(&db, "INSERT INTO revocations (ticket_code, event_id, revoked_utc) "
                            "VALUES (?1, ?2, ?3)");
    CHECK(st);
    sqlite3_bind_text(st, 1, code_b, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, EVENT, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, T0_S);
    CHECK_EQ_INT(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code_b, strlen(code_b), EVENT, &t),
                 YK_TICKET_REVOKED_TICKET);
    /* ...also when scanned as a URL. */
    char url[YK_TICKET_URL_MAX];
    CHECK(yk_ticket_url(REAL_HUB, code_b, url, sizeof url));
    CHECK_EQ_INT(yk_ticket_verify_db(&db, url, strlen(url), EVENT, &t), YK_TICKET_REVOKED_TICKET);

    yk_db_close(&db);
    yk_scratch_remove(dir);
    yk_ticket_keys_destroy(&a);
    yk_ticket_keys_destroy(&b);
}

/* zbarimg reads back what the QR code says, when zbar-tools is installed. Returns 1 if it
 * read expect, 0 if not, -1 if zbarimg is not there. */
static int zbar_reads(const struct yk_qr *qr, const char *expect)
{
    if (system("command -v zbarimg >/dev/null 2>&1") != 0)
        return -1;
    int px = 4, side = yk_qr_side_px(qr, px);
    uint8_t *gray = malloc((size_t)side * (size_t)side);
    if (!gray || !yk_qr_render_gray(qr, px, gray, side)) {
        free(gray);
        return 0;
    }
    char dir[512], pgm[600], txt[600], cmd[1400];
    yk_scratch_dir(dir, sizeof dir, "tickets");
    snprintf(pgm, sizeof pgm, "%s/qr.pgm", dir);
    snprintf(txt, sizeof txt, "%s/out.txt", dir);
    FILE *f = fopen(pgm, "wb");
    if (!f) {
        free(gray);
        return 0;
    }
    fprintf(f, "P5\n%d %d\n255\n", side, side);
    fwrite(gray, 1, (size_t)side * (size_t)side, f);
    fclose(f);
    free(gray);
    snprintf(cmd, sizeof cmd, "zbarimg --quiet --raw %s > %s 2>/dev/null", pgm, txt);
    int ok = 0;
    if (system(cmd) == 0 && (f = fopen(txt, "rb"))) {
        char got[800] = "";
        size_t n = fread(got, 1, sizeof got - 1, f);
        got[n] = '\0';
        fclose(f);
        while (n && (got[n - 1] == '\n' || got[n - 1] == '\r'))
            got[--n] = '\0';
        ok = strcmp(got, expect) == 0;
        if (!ok)
            fprintf(stderr, "zbarimg read \"%s\"\n", got);
    }
    yk_scratch_remove(dir);
    return ok;
}

static int qr_version(const char *text)
{
    struct yk_qr qr;
    if (!yk_qr_encode(&qr, text, YK_QR_ECC_M))
        return -1;
    int v = qr.version;
    yk_qr_destroy(&qr);
    return v;
}

static void test_qr_facts(void)
{
    struct yk_ticket_keys a;
    yk_ticket_keys_from_seed(&a, SEED_A);
    char code[YK_TICKET_DIGITS + 1], url[YK_TICKET_URL_MAX];
    make_code(&a, EVENT, 123456, T0_S, code);

    int v_code = qr_version(code);
    printf("QR level M: code alone (%d digits): version %d\n", YK_TICKET_DIGITS, v_code);
    CHECK(v_code >= 1 && v_code <= 5);

    const char *bases[] = {NULL, REAL_HUB, "https://hub.wuliqiao.example.cn"};
    for (size_t i = 0; i < sizeof bases / sizeof *bases; i++) {
        CHECK(yk_ticket_url(bases[i], code, url, sizeof url));
        struct yk_qr qr;
        CHECK(yk_qr_encode(&qr, url, YK_QR_ECC_M));
        printf("QR level M: %.*s<code> (%zu chars): version %d\n",
               (int)(strlen(url) - YK_TICKET_DIGITS), url, strlen(url), qr.version);
        CHECK(qr.version >= 1 && qr.version <= 6);
        int z = zbar_reads(&qr, url);
        if (z < 0)
            printf("zbarimg not installed: scan check skipped\n");
        else
            CHECK(z == 1);
        yk_qr_destroy(&qr);
        /* What a scanner types back verifies. */
        struct yk_ticket_pubkey keys[] = {pub_of(&a, 0)};
        CHECK_EQ_INT(verify_str(url, keys, 1), YK_TICKET_OK);
    }
    CHECK(yk_ticket_url(NULL, code, url, sizeof url));
    CHECK(strncmp(url, YK_TICKET_PLACEHOLDER_BASE, strlen(YK_TICKET_PLACEHOLDER_BASE)) == 0);
    CHECK(yk_ticket_url(REAL_HUB, code, url, sizeof url));
    CHECK(strncmp(url, "HTTPS://HUB.WULIQIAO.EXAMPLE.CN/T/", 34) == 0);

    /* Kept lower case (as typed in the config), the same hub URL needs version 7: the reason
     * for upper-casing scheme and host. */
    char lower[YK_TICKET_URL_MAX];
    snprintf(lower, sizeof lower, "https://hub.wuliqiao.example.cn/t/%s", code);
    int v_lower = qr_version(lower);
    printf("QR level M: the same URL in lower case: version %d\n", v_lower);
    CHECK(v_lower > 6);

    /* The longest hub host (https://<host>) that still fits version 6. */
    int longest = 0;
    for (int len = 5; len <= 60; len++) {
        char hub[100] = "https://", host[64];
        memset(host, 'h', (size_t)len);
        memcpy(host + len - 3, ".cn", 3);
        host[len] = '\0';
        strcat(hub, host);
        CHECK(yk_ticket_url(hub, code, url, sizeof url));
        if (qr_version(url) <= 6)
            longest = len;
    }
    printf("QR level M: version 6 holds https://<host>/T/<code> for hosts up to %d chars\n",
           longest);
    CHECK(longest >= (int)strlen("hub.wuliqiao.example.cn"));

    /* Path kept as configured (case-sensitive), scheme and host upper-cased. */
    CHECK(yk_ticket_url("http://Hub.Example:8080/yikong/", "123", url, sizeof url));
    CHECK_EQ_STR(url, "HTTP://HUB.EXAMPLE:8080/yikong/T/123");
    CHECK(!yk_ticket_url("ftp://hub", "123", url, sizeof url));
    CHECK_EQ_STR(url, "");
    CHECK(!yk_ticket_url("https://", "123", url, sizeof url));
    CHECK(!yk_ticket_url("https:///path", "123", url, sizeof url));
    CHECK(!yk_ticket_url(REAL_HUB, code, url, 40)); /* does not fit */
    CHECK_EQ_STR(url, "");
    yk_ticket_keys_destroy(&a);
}

/* A USB scanner on another keyboard layout changes letters and punctuation of the URL but
 * not the digits; the code still verifies. */
static void test_scanner_layouts(void)
{
    struct yk_ticket_keys a;
    yk_ticket_keys_from_seed(&a, SEED_A);
    struct yk_ticket_pubkey keys[] = {pub_of(&a, 0)};
    char code[YK_TICKET_DIGITS + 1], url[YK_TICKET_URL_MAX];
    make_code(&a, EVENT, 5, T0_S, code);
    CHECK(yk_ticket_url(REAL_HUB, code, url, sizeof url));
    /* US keycodes typed on a German (QWERTZ) layout: Y<->Z, ':' -> 'Ö', '/' -> '-',
     * '.' stays. */
    char de[YK_TICKET_URL_MAX];
    for (size_t i = 0; i <= strlen(url); i++) {
        char c = url[i];
        de[i] = c == 'Y' ? 'Z' : c == 'Z' ? 'Y' : c == ':' ? 'O' : c == '/' ? '-' : c;
    }
    CHECK(strcmp(de, url) != 0);
    CHECK_EQ_INT(verify_str(de, keys, 1), YK_TICKET_OK);
    /* French AZERTY without shift turns digits into symbols: that input is refused, not
     * misread (scanners there must be set to the host layout or keypad mode). */
    char fr[YK_TICKET_DIGITS + 1];
    static const char azerty[] = "@&~\"'(-`_^"; /* what unshifted 0..9 give, roughly */
    for (int i = 0; i < YK_TICKET_DIGITS; i++)
        fr[i] = azerty[code[i] - '0'];
    fr[YK_TICKET_DIGITS] = '\0';
    CHECK_EQ_INT(verify_str(fr, keys, 1), YK_TICKET_BAD_FORMAT);
    yk_ticket_keys_destroy(&a);
}

static void test_short_code(void)
{
    struct yk_ticket_keys a;
    yk_ticket_keys_from_seed(&a, SEED_A);
    struct yk_ticket t1, t2;
    yk_ticket_sign(&a, EVENT, 1, T0_S, &t1);
    yk_ticket_sign(&a, EVENT, 2, T0_S, &t2);
    char s1[YK_TICKET_SHORT_LEN + 1], s2[YK_TICKET_SHORT_LEN + 1], n[YK_TICKET_SHORT_LEN + 1];
    yk_ticket_short_code(&t1, s1);
    yk_ticket_short_code(&t2, s2);
    CHECK_EQ_INT(strlen(s1), YK_TICKET_SHORT_LEN);
    CHECK_EQ_INT(strspn(s1, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"), YK_TICKET_SHORT_LEN);
    CHECK(strcmp(s1, s2) != 0);
    printf("short codes: %.4s-%.4s, %.4s-%.4s\n", s1, s1 + 4, s2, s2 + 4);

    CHECK(yk_ticket_short_normalize("abcd-efgh", n));
    CHECK_EQ_STR(n, "ABCDEFGH");
    CHECK(yk_ticket_short_normalize("o1il 2345", n));
    CHECK_EQ_STR(n, "01112345");
    CHECK(!yk_ticket_short_normalize("ABCDEFGU", n)); /* U is not in the alphabet */
    CHECK_EQ_STR(n, "");
    CHECK(!yk_ticket_short_normalize("ABCDEFG", n));
    CHECK(!yk_ticket_short_normalize("ABCDEFGHJ", n));
    CHECK(!yk_ticket_short_normalize("", n));
    CHECK(!yk_ticket_short_normalize(NULL, n));
    char lower[12];
    snprintf(lower, sizeof lower, "%.4s-%.4s", s1, s1 + 4);
    for (char *c = lower; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    CHECK(yk_ticket_short_normalize(lower, n));
    CHECK_EQ_STR(n, s1);
    yk_ticket_keys_destroy(&a);
}

static void test_phone(void)
{
    CHECK_EQ_INT(yk_phone_check("13812345678"), YK_PHONE_OK);
    CHECK_EQ_INT(yk_phone_check("19912345678"), YK_PHONE_OK);
    CHECK_EQ_INT(yk_phone_check("16612345678"), YK_PHONE_OK);
    CHECK_EQ_INT(yk_phone_check("1381234567"), YK_PHONE_TOO_SHORT);
    CHECK_EQ_INT(yk_phone_check(""), YK_PHONE_TOO_SHORT);
    CHECK_EQ_INT(yk_phone_check(NULL), YK_PHONE_TOO_SHORT);
    CHECK_EQ_INT(yk_phone_check("1"), YK_PHONE_TOO_SHORT);
    CHECK_EQ_INT(yk_phone_check("138123456789"), YK_PHONE_TOO_LONG);
    CHECK_EQ_INT(yk_phone_check("138-1234-5678"), YK_PHONE_NOT_DIGITS);
    CHECK_EQ_INT(yk_phone_check("1381234567a"), YK_PHONE_NOT_DIGITS);
    CHECK_EQ_INT(yk_phone_check("12812345678"), YK_PHONE_BAD_PREFIX);
    CHECK_EQ_INT(yk_phone_check("10012345678"), YK_PHONE_BAD_PREFIX);
    CHECK_EQ_INT(yk_phone_check("02112345678"), YK_PHONE_BAD_PREFIX); /* a landline */
    CHECK_EQ_INT(yk_phone_check("0211234567"), YK_PHONE_BAD_PREFIX);  /* before its length */
    CHECK_EQ_INT(yk_phone_check("23812345678"), YK_PHONE_BAD_PREFIX);
    CHECK_EQ_INT(yk_phone_check("013812345678"), YK_PHONE_BAD_PREFIX); /* a leading zero */

    /* From abroad: "+", a country code ITU-T assigned, 6..15 digits in all. */
    CHECK_EQ_INT(yk_phone_check("+85291234567"), YK_PHONE_OK);   /* Hong Kong */
    CHECK_EQ_INT(yk_phone_check("+14155550100"), YK_PHONE_OK);   /* USA */
    CHECK_EQ_INT(yk_phone_check("+447911123456"), YK_PHONE_OK);  /* UK */
    CHECK_EQ_INT(yk_phone_check("+3934712345678"), YK_PHONE_OK); /* Italy */
    CHECK_EQ_INT(yk_phone_check("+68374002"), YK_PHONE_OK);      /* Niue, 5 national digits */
    /* Niue's old four-digit numbers are refused: a mask would hide nothing of them. */
    CHECK_EQ_INT(yk_phone_check("+6834002"), YK_PHONE_TOO_SHORT);
    CHECK_EQ_INT(yk_phone_check("+123456"), YK_PHONE_OK);       /* 6 digits: the fewest */
    CHECK_EQ_INT(yk_phone_check("+12345"), YK_PHONE_TOO_SHORT); /* 5 */
    /* At least five digits after the country code (fuzz_ticket's "+852567"): the mask must
     * hide one and show the last four. */
    CHECK_EQ_INT(yk_phone_check("+852567"), YK_PHONE_TOO_SHORT);
    CHECK_EQ_INT(yk_phone_check("+8525678"), YK_PHONE_TOO_SHORT);
    CHECK_EQ_INT(yk_phone_check("+85256789"), YK_PHONE_OK);
    CHECK_EQ_INT(yk_phone_check("+123456789012345"), YK_PHONE_OK);        /* 15: the most */
    CHECK_EQ_INT(yk_phone_check("+1234567890123456"), YK_PHONE_TOO_LONG); /* 16 */
    CHECK_EQ_INT(yk_phone_check("+"), YK_PHONE_TOO_SHORT);                /* "+" alone */
    CHECK_EQ_INT(yk_phone_check("+2"), YK_PHONE_TOO_SHORT);               /* 2x codes exist */
    CHECK_EQ_INT(yk_phone_check("+85"), YK_PHONE_TOO_SHORT);              /* 85x */
    CHECK_EQ_INT(yk_phone_check("+28"), YK_PHONE_BAD_COUNTRY);            /* no 28x: said at once */
    CHECK_EQ_INT(yk_phone_check("+2801234567"), YK_PHONE_BAD_COUNTRY);
    CHECK_EQ_INT(yk_phone_check("+9991234567"), YK_PHONE_BAD_COUNTRY);
    CHECK_EQ_INT(yk_phone_check("+8001234567"), YK_PHONE_BAD_COUNTRY);     /* freephone */
    CHECK_EQ_INT(yk_phone_check("+0085291234567"), YK_PHONE_COUNTRY_ZERO); /* dialled 00 */
    CHECK_EQ_INT(yk_phone_check("+0"), YK_PHONE_COUNTRY_ZERO);
    CHECK_EQ_INT(yk_phone_check("++85291234567"), YK_PHONE_NOT_DIGITS);
    CHECK_EQ_INT(yk_phone_check("+852 9123 4567"), YK_PHONE_NOT_DIGITS);
    CHECK_EQ_INT(yk_phone_check("85291234567"), YK_PHONE_BAD_PREFIX); /* no "+": mainland */
    CHECK_EQ_INT(yk_phone_check("+852+91234567"), YK_PHONE_NOT_DIGITS);
    /* +86 is checked as a mainland number, and stored as one. */
    CHECK_EQ_INT(yk_phone_check("+8613812345678"), YK_PHONE_OK);
    CHECK_EQ_INT(yk_phone_check("+86138123456"), YK_PHONE_TOO_SHORT);
    CHECK_EQ_INT(yk_phone_check("+86138123456789"), YK_PHONE_TOO_LONG);
    CHECK_EQ_INT(yk_phone_check("+862112345678"), YK_PHONE_BAD_PREFIX); /* a landline */
    CHECK_EQ_INT(yk_phone_check("+86"), YK_PHONE_TOO_SHORT);

    char c[YK_PHONE_MAX + 1];
    CHECK_EQ_INT(yk_phone_normalize("+8613812345678", c), YK_PHONE_OK);
    CHECK_EQ_STR(c, "13812345678");
    CHECK_EQ_INT(yk_phone_normalize("13812345678", c), YK_PHONE_OK);
    CHECK_EQ_STR(c, "13812345678");
    CHECK_EQ_INT(yk_phone_normalize("+85291234567", c), YK_PHONE_OK);
    CHECK_EQ_STR(c, "+85291234567");
    CHECK_EQ_INT(yk_phone_normalize("+123456789012345", c), YK_PHONE_OK);
    CHECK_EQ_STR(c, "+123456789012345");
    CHECK_EQ_INT(yk_phone_normalize("+28", c), YK_PHONE_BAD_COUNTRY);
    CHECK_EQ_STR(c, "");
    CHECK(yk_phone_is_intl("+85291234567") && !yk_phone_is_intl("13812345678") &&
          !yk_phone_is_intl(NULL));

    char l4[5];
    CHECK(yk_phone_last4("+85291234567", l4));
    CHECK_EQ_STR(l4, "4567");
    CHECK(yk_phone_last4("+8613812345678", l4));
    CHECK_EQ_STR(l4, "5678");
    CHECK(!yk_phone_last4("+28012345678", l4));
    CHECK_EQ_STR(l4, "");

    /* The one mask: the kiosk, the ticket page and the admin show exactly this. */
    char m[YK_PHONE_MASKED_LEN + 1];
    CHECK(yk_phone_mask("13812345678", m));
    CHECK_EQ_STR(m, "138****5678");
    CHECK(yk_phone_mask("+8613812345678", m));
    CHECK_EQ_STR(m, "138****5678");
    CHECK(yk_phone_mask("5678", m));
    CHECK_EQ_STR(m, "****5678");
    CHECK(yk_phone_mask("+85291234567", m));
    CHECK_EQ_STR(m, "+852 ****4567");
    CHECK(yk_phone_mask("+14155550100", m));
    CHECK_EQ_STR(m, "+1 ******0100");
    CHECK(yk_phone_mask("+123456789012345", m));
    CHECK_EQ_STR(m, "+1 **********2345");
    CHECK_EQ_INT((int)strlen(m), YK_PHONE_MASKED_LEN);
    CHECK(!yk_phone_mask("1381234567", m));
    CHECK_EQ_STR(m, "****");
    CHECK(!yk_phone_mask(NULL, m));
    CHECK(!yk_phone_mask("abcd", m));
    CHECK_EQ_STR(m, "****");
    CHECK(!yk_phone_mask("+", m));
    CHECK_EQ_STR(m, "****");

    /* Read back while typing: the groups stay where they are as digits come. */
    char f[32];
    yk_phone_format("13812345678", f, sizeof f);
    CHECK_EQ_STR(f, "138 1234 5678");
    yk_phone_format("1381", f, sizeof f);
    CHECK_EQ_STR(f, "138 1");
    yk_phone_format("+", f, sizeof f);
    CHECK_EQ_STR(f, "+");
    yk_phone_format("+85", f, sizeof f);
    CHECK_EQ_STR(f, "+85");
    yk_phone_format("+852", f, sizeof f);
    CHECK_EQ_STR(f, "+852");
    yk_phone_format("+85291234567", f, sizeof f);
    CHECK_EQ_STR(f, "+852 9123 4567");
    yk_phone_format("+14155550100", f, sizeof f);
    CHECK_EQ_STR(f, "+1 4155 5501 00");
    yk_phone_format("+85291234567", f, 8);
    CHECK_EQ_STR(f, "+852 91");
    yk_phone_format(NULL, f, sizeof f);
    CHECK_EQ_STR(f, "");
}

static int count_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strstr(e->d_name, ".tmp-") != NULL;
    if (d)
        closedir(d);
    return n;
}

static void test_key_file(void)
{
    char dir[512], path[600];
    yk_scratch_dir(dir, sizeof dir, "tickets");
    snprintf(path, sizeof path, "%s/%s", dir, YK_TICKET_KEY_FILE);
    struct yk_db db;
    CHECK(tk_open(&db, dir, T0_MS));
    umask(022); /* the file must be 0600 whatever the umask */

    struct yk_ticket_keys k1, k2;
    CHECK(yk_ticket_keys_load_or_create(&k1, dir, &db, T0_S));
    CHECK(k1.created);
    struct stat sb;
    CHECK(stat(path, &sb) == 0);
    CHECK_EQ_INT(sb.st_mode & 0777, 0600);
    CHECK_EQ_INT(sb.st_size, YK_TICKET_SECRET_KEY_LEN);
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM kiosk_keys WHERE key_id = '%s' AND kiosk_id = '%s' "
             "AND valid_from_utc = %lld AND revoked_utc IS NULL",
             k1.key_id_hex, yk_db_kiosk_id(&db), (long long)T0_S);
    CHECK_EQ_INT(tk_int(&db, sql), 1);
    CHECK_EQ_INT(count_temp_files(dir), 0); /* the temp file was linked, then removed */

    /* Reload: the same key, no second row. */
    CHECK(yk_ticket_keys_load_or_create(&k2, dir, &db, T0_S + 100));
    CHECK(!k2.created);
    CHECK(memcmp(k1.public_key, k2.public_key, 32) == 0);
    CHECK(memcmp(k1.secret_key, k2.secret_key, 64) == 0);
    CHECK_EQ_INT(tk_int(&db, "SELECT count(*) FROM kiosk_keys"), 1);
    yk_ticket_keys_destroy(&k2);

    /* A ticket signed before the reload verifies through the database. */
    char code[YK_TICKET_DIGITS + 1];
    make_code(&k1, EVENT, 1, T0_S, code);
    CHECK(tk_event(&db, EVENT, T0_S + DAY_S, 0, 10, 2, 10));
    struct yk_ticket t;
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code, strlen(code), EVENT, &t), YK_TICKET_OK);

    /* Too open a file is tightened. */
    CHECK(chmod(path, 0644) == 0);
    CHECK(yk_ticket_keys_load_or_create(&k2, dir, &db, T0_S + 200));
    CHECK(stat(path, &sb) == 0);
    CHECK_EQ_INT(sb.st_mode & 0777, 0600);
    CHECK(memcmp(k1.public_key, k2.public_key, 32) == 0);
    yk_ticket_keys_destroy(&k2);

    /* A row missing from kiosk_keys (a crash between file and row) is registered again. */
    CHECK_EQ_INT(tk_exec(&db, "DELETE FROM kiosk_keys"), SQLITE_DONE);
    CHECK(yk_ticket_keys_load_or_create(&k2, dir, &db, T0_S + 300));
    CHECK(!k2.created);
    CHECK_EQ_INT(tk_int(&db, "SELECT count(*) FROM kiosk_keys"), 1);
    yk_ticket_keys_destroy(&k2);

    /* The hub revoked this key: a new one replaces it; tickets of the old one issued before
     * the revocation day still verify. */
    snprintf(sql, sizeof sql, "UPDATE kiosk_keys SET revoked_utc = %lld WHERE key_id = '%s'",
             (long long)(T0_S + 2 * DAY_S), k1.key_id_hex);
    CHECK_EQ_INT(tk_exec(&db, sql), SQLITE_DONE);
    CHECK(yk_ticket_keys_load_or_create(&k2, dir, &db, T0_S + 3 * DAY_S));
    CHECK(k2.created);
    CHECK(memcmp(k1.public_key, k2.public_key, 32) != 0);
    CHECK(stat(path, &sb) == 0);
    CHECK_EQ_INT(sb.st_mode & 0777, 0600);
    CHECK_EQ_INT(tk_int(&db, "SELECT count(*) FROM kiosk_keys"), 2);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code, strlen(code), EVENT, &t), YK_TICKET_OK);
    struct yk_ticket_keys k3;
    CHECK(yk_ticket_keys_load_or_create(&k3, dir, &db, T0_S + 4 * DAY_S));
    CHECK(!k3.created);
    CHECK(memcmp(k3.public_key, k2.public_key, 32) == 0);
    yk_ticket_keys_destroy(&k3);

    /* A damaged file is an error and is left as it is (it may have signed tickets). */
    FILE *f = fopen(path, "wb");
    CHECK(f);
    fputs("not a key", f);
    fclose(f);
    fprintf(stderr, "(an error about a damaged key file is expected)\n");
    CHECK(!yk_ticket_keys_load_or_create(&k3, dir, &db, T0_S + 5 * DAY_S));
    CHECK(stat(path, &sb) == 0);
    CHECK_EQ_INT(sb.st_size, 9);
    /* A seed whose stored public key does not match is damaged too. */
    f = fopen(path, "wb");
    CHECK(f);
    uint8_t bad[64];
    memcpy(bad, k2.secret_key, 64);
    bad[40] ^= 1;
    fwrite(bad, 1, 64, f);
    fclose(f);
    CHECK(!yk_ticket_keys_load_or_create(&k3, dir, &db, T0_S + 5 * DAY_S));

    /* A missing data directory is an error, not a crash. */
    CHECK(!yk_ticket_keys_load_or_create(&k3, "/nonexistent/yk", &db, T0_S));

    yk_ticket_keys_destroy(&k1);
    yk_ticket_keys_destroy(&k2);
    yk_db_close(&db);
    yk_scratch_remove(dir);
}

int main(void)
{
    test_round_trip();
    test_every_single_change_fails();
    test_strict_format();
    test_other_kiosk_and_revocation();
    test_qr_facts();
    test_scanner_layouts();
    test_short_code();
    test_phone();
    test_key_file();
    return yk_test_done();
}
