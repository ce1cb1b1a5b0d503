#include "core/phone.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The country codes ITU-T has assigned (E.164 and its annex of assignments, as of 2024):
 * the countries and regions, plus the satellite and international mobile networks a
 * visitor's phone may be on (870, 881-883). Not the freephone, premium-rate and test codes:
 * no mobile phone has those. Codes are prefix-free, so a number starts with at most one. */
static const uint16_t country_codes[] = {
    1,   7,   20,  27,  30,  31,  32,  33,  34,  36,  39,  40,  41,  43,  44,  45,  46,  47,
    48,  49,  51,  52,  53,  54,  55,  56,  57,  58,  60,  61,  62,  63,  64,  65,  66,  81,
    82,  84,  86,  90,  91,  92,  93,  94,  95,  98,  211, 212, 213, 216, 218, 220, 221, 222,
    223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240,
    241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 258,
    260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298, 299, 350, 351, 352,
    353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375, 376, 377, 378, 379, 380,
    381, 382, 383, 385, 386, 387, 389, 420, 421, 423, 500, 501, 502, 503, 504, 505, 506, 507,
    508, 509, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676,
    677, 678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692, 850, 852, 853,
    855, 856, 870, 880, 881, 882, 883, 886, 960, 961, 962, 963, 964, 965, 966, 967, 968, 970,
    971, 972, 973, 974, 975, 976, 977, 992, 993, 994, 995, 996, 998,
};
#define N_CODES (sizeof country_codes / sizeof country_codes[0])
#define CC_MAINLAND 86

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The value of the first n (1..3) digits of d. */
static unsigned lead(const char *d, size_t n)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (unsigned)(d[i] - '0');
    return v;
}

/* The length (1..3) of the country code d (n digits) starts with, or 0 when none does. */
static size_t cc_len(const char *d, size_t n)
{
    for (size_t l = 1; l <= 3 && l <= n; l++) {
        unsigned v = lead(d, l);
        for (size_t i = 0; i < N_CODES; i++)
            if (country_codes[i] == v)
                return l;
    }
    return 0;
}

/* True when some country code starts with the n (< 3) digits of d. */
static bool cc_possible(const char *d, size_t n)
{
    if (n == 0)
        return true;
    unsigned v = lead(d, n);
    for (size_t i = 0; i < N_CODES; i++) {
        unsigned c = country_codes[i];
        while (c >= 10 && (c >= 100 || n == 1))
            c /= 10; /* c's first n digits (codes are 1..3 digits) */
        if (c == v)
            return true;
    }
    return false;
}

static enum yk_phone_rc check_mainland(const char *p, size_t len)
{
    if ((len >= 1 && p[0] != '1') || (len >= 2 && p[1] < '3'))
        return YK_PHONE_BAD_PREFIX;
    if (len < YK_PHONE_LEN)
        return YK_PHONE_TOO_SHORT;
    if (len > YK_PHONE_LEN)
        return YK_PHONE_TOO_LONG;
    return YK_PHONE_OK;
}

/* The digits after "+" (n of them): the start first, then the length. *mainland gets
 * whether they are +86's, checked then as a mainland number. */
static enum yk_phone_rc check_intl(const char *d, size_t n, bool *mainland)
{
    *mainland = false;
    if (n >= 1 && d[0] == '0')
        return YK_PHONE_COUNTRY_ZERO;
    size_t cl = cc_len(d, n);
    if (cl == 0)
        return n >= 3 || !cc_possible(d, n) ? YK_PHONE_BAD_COUNTRY : YK_PHONE_TOO_SHORT;
    if (lead(d, cl) == CC_MAINLAND) {
        *mainland = true;
        return check_mainland(d + cl, n - cl);
    }
    if (n < YK_PHONE_INTL_MIN || n - cl < YK_PHONE_NATIONAL_MIN)
        return YK_PHONE_TOO_SHORT;
    if (n > YK_PHONE_INTL_MAX)
        return YK_PHONE_TOO_LONG;
    return YK_PHONE_OK;
}

enum yk_phone_rc yk_phone_normalize(const char *phone, char out[YK_PHONE_MAX + 1])
{
    out[0] = '\0';
    size_t len = phone ? strlen(phone) : 0;
    bool intl = len > 0 && phone[0] == '+';
    const char *d = intl ? phone + 1 : phone;
    size_t n = intl ? len - 1 : len;
    for (size_t i = 0; i < n; i++)
        if (!is_digit(d[i]))
            return YK_PHONE_NOT_DIGITS;
    bool mainland = !intl;
    enum yk_phone_rc rc = intl ? check_intl(d, n, &mainland) : check_mainland(d, n);
    if (rc != YK_PHONE_OK)
        return rc;
    if (mainland)
        memcpy(out, d + n - YK_PHONE_LEN, YK_PHONE_LEN + 1);
    else
        memcpy(out, phone, len + 1); /* "+" and at most 15 digits */
    return YK_PHONE_OK;
}

enum yk_phone_rc yk_phone_check(const char *phone)
{
    char scratch[YK_PHONE_MAX + 1];
    return yk_phone_normalize(phone, scratch);
}

bool yk_phone_is_intl(const char *phone)
{
    return phone && phone[0] == '+';
}

bool yk_phone_last4(const char *phone, char out[5])
{
    char canon[YK_PHONE_MAX + 1];
    out[0] = '\0';
    if (yk_phone_normalize(phone, canon) != YK_PHONE_OK)
        return false;
    memcpy(out, canon + strlen(canon) - 4, 5);
    return true;
}

bool yk_phone_mask(const char *phone, char out[YK_PHONE_MASKED_LEN + 1])
{
    char canon[YK_PHONE_MAX + 1];
    snprintf(out, YK_PHONE_MASKED_LEN + 1, "****");
    size_t len = phone ? strlen(phone) : 0;
    if (len == 4 && is_digit(phone[0]) && is_digit(phone[1]) && is_digit(phone[2]) &&
        is_digit(phone[3])) {
        snprintf(out, YK_PHONE_MASKED_LEN + 1, "****%s", phone);
        return true;
    }
    if (yk_phone_normalize(phone, canon) != YK_PHONE_OK)
        return false;
    len = strlen(canon);
    if (!yk_phone_is_intl(canon)) {
        snprintf(out, YK_PHONE_MASKED_LEN + 1, "%.3s****%s", canon, canon + 7);
        return true;
    }
    size_t cl = cc_len(canon + 1, len - 1), national = len - 1 - cl;
    size_t shown = national < 4 ? national : 4, o = 0;
    out[o++] = '+';
    memcpy(out + o, canon + 1, cl);
    o += cl;
    out[o++] = ' ';
    for (size_t i = 0; i < national - shown; i++)
        out[o++] = '*';
    memcpy(out + o, canon + len - shown, shown + 1);
    return true;
}

void yk_phone_format(const char *typed, char *out, size_t n)
{
    size_t o = 0;
    out[0] = '\0';
    if (!typed)
        return;
    bool intl = typed[0] == '+';
    char d[64] = "";
    size_t nd = 0;
    for (const char *p = typed + intl; *p && nd < sizeof d; p++)
        if (is_digit(*p))
            d[nd++] = *p;
    /* Where a space goes before digit i: mainland 3-4-4; abroad after the country code (once
     * it is complete), then every four. */
    size_t cl = intl ? cc_len(d, nd) : 0;
    if (intl && o + 1 < n)
        out[o++] = '+';
    for (size_t i = 0; i < nd && o + 1 < n; i++) {
        bool space = intl ? cl && i >= cl && (i - cl) % 4 == 0
                          : i == 3 || i == 7 || (i > 7 && (i - 7) % 4 == 0);
        if (space) {
            if (o + 2 >= n)
                break;
            out[o++] = ' ';
        }
        out[o++] = d[i];
    }
    out[o] = '\0';
}
