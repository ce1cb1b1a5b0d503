#include "core/phone.h"

#include <stddef.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

enum yk_phone_rc yk_phone_check(const char *phone)
{
    size_t len = phone ? strlen(phone) : 0;
    for (size_t i = 0; i < len; i++)
        if (!is_digit(phone[i]))
            return YK_PHONE_NOT_DIGITS;
    if ((len >= 1 && phone[0] != '1') || (len >= 2 && phone[1] < '3'))
        return YK_PHONE_BAD_PREFIX;
    if (len < YK_PHONE_LEN)
        return YK_PHONE_TOO_SHORT;
    if (len > YK_PHONE_LEN)
        return YK_PHONE_TOO_LONG;
    return YK_PHONE_OK;
}

bool yk_phone_mask(const char *phone, char out[YK_PHONE_MASKED_LEN + 1])
{
    memset(out, '*', YK_PHONE_MASKED_LEN);
    out[YK_PHONE_MASKED_LEN] = '\0';
    size_t len = phone ? strlen(phone) : 0;
    for (size_t i = 0; i < len; i++)
        if (!is_digit(phone[i]))
            return false;
    if (len == YK_PHONE_LEN) {
        memcpy(out, phone, 3);
        memcpy(out + 7, phone + 7, 4);
        return true;
    }
    if (len == 4) {
        memcpy(out + 7, phone, 4);
        return true;
    }
    return false;
}
