#ifndef YK_PHONE_ENTRY_H
#define YK_PHONE_ENTRY_H

/* A mobile number being typed on a phone pad: the digits, whether it is a number from
 * abroad ("+", the country code, the number: the pad's 境外号码 switch), and what to say
 * about it. Every rule is core/phone.h's; this only keeps the keys' effect and picks the
 * catalog key of the message. The sign-up's phone step uses it; any screen that asks for a
 * person's number should. No SDL, no drawing. Personal data: wipe with
 * yk_phone_entry_clear when done. */

#include "core/phone.h"

#include <stdbool.h>

struct yk_phone_entry {
    char typed[YK_PHONE_MAX + 1]; /* as typed: digits, or "+" and digits from abroad */
    const char *error;            /* catalog key of the message, or NULL */
};

/* True when the entry is a number from abroad (the switch is on). */
bool yk_phone_entry_abroad(const struct yk_phone_entry *e);

/* Applies a key of the pad: "0".."9", "del", "clear", or "abroad" (the switch: adds or
 * removes the leading "+", keeping the digits typed). A digit that makes the start wrong
 * (a mainland number not 13..19, an unknown country code) is kept and explained at once;
 * one past the longest number is refused and explained. Returns false for an unknown key. */
bool yk_phone_entry_key(struct yk_phone_entry *e, const char *key);

/* Checks the whole entry (the pad's 下一步): true when it is a number; else sets e->error. */
bool yk_phone_entry_done(struct yk_phone_entry *e);

/* The catalog key saying what is wrong with rc for this kind of number (NULL for OK). */
const char *yk_phone_entry_message(bool abroad, enum yk_phone_rc rc);

/* Wipes the entry (the number is personal data). */
void yk_phone_entry_clear(struct yk_phone_entry *e);

#endif
