#ifndef YK_HUB_PHONE_KEY_H
#define YK_HUB_PHONE_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The hub's phone key: 32 secret bytes that kiosks use to hash phone numbers for the look-up
 * of a person's sign-ups at any kiosk (HMAC-SHA-256, src/hub/README.md, "A person's sign-ups
 * at any kiosk"). It lives in a file beside the database (YK_HUB_PHONE_KEY_SUFFIX), never in
 * it, so that the database alone cannot turn the stored hashes back into numbers. */

#define YK_HUB_PHONE_KEY_LEN 32
#define YK_HUB_PHONE_KEY_SUFFIX ".phone-key"

/* Reads the key of the database at db_path from "<db_path>.phone-key", or makes a new one
 * (randombytes_buf) and writes it there atomically (mode 0600, never replacing a file another
 * process wrote first) when the file is absent. A file that exists but is not exactly 32
 * bytes (or not a regular file of this user) is refused: false, with a message for the
 * operator in Chinese and English in err (errn bytes); the key is never silently replaced
 * (kiosks' hashes would stop matching). *created (may be NULL) says a new key was made. */
bool yk_hub_phone_key_load(const char *db_path, uint8_t key[YK_HUB_PHONE_KEY_LEN], bool *created,
                           char *err, size_t errn);

#endif
