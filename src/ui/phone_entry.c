#include "ui/phone_entry.h"

#include "core/i18n.h"

#include <sodium.h>
#include <string.h>

bool yk_phone_entry_abroad(const struct yk_phone_entry *e)
{
    return yk_phone_is_intl(e->typed);
}

const char *yk_phone_entry_message(bool abroad, enum yk_phone_rc rc)
{
    switch (rc) {
    case YK_PHONE_OK:
        return NULL;
    case YK_PHONE_NOT_DIGITS:
        return YK_N("signup.phone.e.digits");
    case YK_PHONE_BAD_PREFIX:
        return YK_N("signup.phone.e.prefix");
    case YK_PHONE_TOO_SHORT:
        return abroad ? YK_N("signup.phone.e.intl_short") : YK_N("signup.phone.e.short");
    case YK_PHONE_TOO_LONG:
        return abroad ? YK_N("signup.phone.e.intl_long") : YK_N("signup.phone.e.long");
    case YK_PHONE_BAD_COUNTRY:
        return YK_N("signup.phone.e.country");
    case YK_PHONE_COUNTRY_ZERO:
        return YK_N("signup.phone.e.zero");
    }
    return YK_N("signup.phone.e.short");
}

/* The message for a wrong start (typing more cannot fix it), else NULL. */
static const char *start_error(const struct yk_phone_entry *e)
{
    enum yk_phone_rc rc = yk_phone_check(e->typed);
    bool start =
        rc == YK_PHONE_BAD_PREFIX || rc == YK_PHONE_BAD_COUNTRY || rc == YK_PHONE_COUNTRY_ZERO;
    return start ? yk_phone_entry_message(yk_phone_entry_abroad(e), rc) : NULL;
}

bool yk_phone_entry_key(struct yk_phone_entry *e, const char *key)
{
    size_t n = strlen(e->typed);
    bool abroad = yk_phone_entry_abroad(e);
    e->error = NULL;
    if (strcmp(key, "del") == 0) {
        if (n > (size_t)abroad)
            e->typed[n - 1] = '\0';
    } else if (strcmp(key, "clear") == 0) {
        sodium_memzero(e->typed, sizeof e->typed);
        if (abroad)
            e->typed[0] = '+';
    } else if (strcmp(key, "abroad") == 0) {
        if (abroad) {
            memmove(e->typed, e->typed + 1, n);
        } else { /* at most 11 digits here: "+" and them fit */
            memmove(e->typed + 1, e->typed, n + 1);
            e->typed[0] = '+';
        }
    } else if (key[0] >= '0' && key[0] <= '9' && !key[1]) {
        /* Up to the longest number; a digit more is refused and explained. */
        size_t most = abroad ? 1 + YK_PHONE_INTL_MAX : YK_PHONE_LEN;
        if (n < most) {
            e->typed[n] = key[0];
            e->typed[n + 1] = '\0';
        } else {
            e->error = abroad ? YK_N("signup.phone.e.intl_long") : YK_N("signup.phone.e.long");
            return true;
        }
    } else {
        return false;
    }
    e->error = start_error(e);
    return true;
}

bool yk_phone_entry_done(struct yk_phone_entry *e)
{
    e->error = yk_phone_entry_message(yk_phone_entry_abroad(e), yk_phone_check(e->typed));
    return e->error == NULL;
}

void yk_phone_entry_clear(struct yk_phone_entry *e)
{
    sodium_memzero(e, sizeof *e);
}
