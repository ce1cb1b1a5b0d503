#ifndef YK_PHONE_H
#define YK_PHONE_H

#include <stdbool.h>

/* Mainland mobile numbers as people type them on the sign-up pad, and the one way they are
 * shown. Personal data: never log them. */

enum yk_phone_rc {
    YK_PHONE_OK,
    YK_PHONE_NOT_DIGITS, /* something other than 0-9 */
    YK_PHONE_BAD_PREFIX, /* not a mainland mobile number: must start 13..19 */
    YK_PHONE_TOO_SHORT,  /* fewer than 11 digits (an empty entry too) */
    YK_PHONE_TOO_LONG,   /* more than 11 digits */
};

#define YK_PHONE_LEN 11
#define YK_PHONE_MASKED_LEN 11 /* "138****5678" */

/* Checks a mainland mobile number as typed (NULL counts as empty). A wrong start is reported
 * before a wrong length, since typing more cannot fix it. */
enum yk_phone_rc yk_phone_check(const char *phone);

/* Writes "138****5678" for an 11-digit number, or "*******5678" for the last 4 digits only
 * (a number already purged). Anything else gives "***********" and false. */
bool yk_phone_mask(const char *phone, char out[YK_PHONE_MASKED_LEN + 1]);

#endif
