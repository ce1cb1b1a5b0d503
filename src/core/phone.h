#ifndef YK_PHONE_H
#define YK_PHONE_H

#include <stdbool.h>
#include <stddef.h>

/* Mobile numbers as people type them on the sign-up pad, their one stored form, and the one
 * way they are shown. Personal data: never log them.
 *
 * Two kinds are taken: a mainland mobile number (11 digits, 13..19 first) and, for visitors,
 * a number from abroad typed as "+", the country code and the number (E.164: 6..15 digits
 * after the "+", the country code one that ITU-T assigned). The stored (canonical) form is
 * the 11 digits for a mainland number, also when it was typed as "+86…", and "+" followed by
 * the digits for any other: so one number has one form, the rows of earlier versions (all
 * mainland, 11 digits) are already canonical, and the last four digits are always the
 * string's last four characters. */

enum yk_phone_rc {
    YK_PHONE_OK,
    YK_PHONE_NOT_DIGITS,   /* something other than 0-9 (after the one leading "+") */
    YK_PHONE_BAD_PREFIX,   /* not a mainland mobile number: must start 13..19 */
    YK_PHONE_TOO_SHORT,    /* fewer than 11 digits, or 6 after "+" or 5 after its country code
                            * ("" and "+" too) */
    YK_PHONE_TOO_LONG,     /* more than 11 digits, or 15 after "+" */
    YK_PHONE_BAD_COUNTRY,  /* "+": no country code starts with these digits */
    YK_PHONE_COUNTRY_ZERO, /* "+0…": no country code starts with 0 (the 00 of dialling out) */
};

#define YK_PHONE_LEN 11     /* a mainland mobile number */
#define YK_PHONE_INTL_MIN 6 /* digits after "+", the country code included */
/* Digits after the country code: a number's mask hides at least one and shows the last four
 * (fuzz_ticket found "+852567": three national digits, nothing to hide). */
#define YK_PHONE_NATIONAL_MIN 5
#define YK_PHONE_INTL_MAX 15   /* E.164's longest */
#define YK_PHONE_MAX 16        /* the longest stored form: "+" and 15 digits */
#define YK_PHONE_MASKED_LEN 17 /* the longest mask: "+1 **********0100" */

/* Checks a number as typed (NULL counts as empty): yk_phone_normalize's verdict. A wrong
 * start is reported before a wrong length, since typing more cannot fix it; so this also
 * says, for an entry still being typed, whether it can still become a number. */
enum yk_phone_rc yk_phone_check(const char *phone);

/* The stored form of a typed number into out ("" unless YK_PHONE_OK): mainland numbers as
 * their 11 digits ("+8613812345678" gives "13812345678"), others as "+" and digits. */
enum yk_phone_rc yk_phone_normalize(const char *phone, char out[YK_PHONE_MAX + 1]);

/* True when phone starts with "+" (typed or stored as a number from abroad). */
bool yk_phone_is_intl(const char *phone);

/* The last four digits of a valid number (any typed form) into out; false (out "") when
 * phone is not a valid number. */
bool yk_phone_last4(const char *phone, char out[5]);

/* The one way a number is shown after it is entered: "138****5678" for a mainland number,
 * the country code and the last four with a star per hidden digit for one from abroad
 * ("+852 ****4567"), and "****5678" when only the last four digits are known (a number
 * already purged; all the hub ever gets). phone may be any typed form or 4 digits. Anything
 * else gives "****" and false. The kiosk, the hub's /T/ page and its admin use this. */
bool yk_phone_mask(const char *phone, char out[YK_PHONE_MASKED_LEN + 1]);

/* A number while it is typed, grouped for reading back: mainland 3-4-4 ("138 1234 5678"),
 * from abroad the country code apart, then groups of four ("+852 9123 4567"); the groups
 * never move as digits are added. Any prefix of a number is shown; characters other than
 * digits and a leading "+" are left out. Writes at most n bytes (n >= 1), cut short when it
 * does not fit. */
void yk_phone_format(const char *typed, char *out, size_t n);

#endif
