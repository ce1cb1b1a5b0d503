#ifndef YK_ADMIN_H
#define YK_ADMIN_H

#include "hub/hub_request.h"
#include "hub/hub_store.h"

/* The web admin under /admin/ (src/hub/README.md, "The admin"): server-rendered HTML pages
 * for the subdistrict's admins and the stations' staff. Like yk_hub_handle: a request in,
 * a response out, no HTTP and no SQL here (storage: hub_store_admin.h). */

#define YK_ADMIN_IDLE_S (30 * 60)     /* a session unused this long ends */
#define YK_ADMIN_MAX_S (12 * 3600)    /* and any session after this long */
#define YK_ADMIN_PASSWORD_MIN 10      /* characters (code points) */
#define YK_ADMIN_PASSWORD_MAX 256     /* bytes */
#define YK_ADMIN_PHOTO_MAX (2u << 20) /* bytes of an uploaded photo */

/* Answers one request whose path is /admin or starts with /admin/. Always fills rs. */
void yk_admin_handle(struct yk_hub_store *store, const struct yk_hub_request *rq, int64_t now,
                     struct yk_hub_response *rs);

/* Checks a new password (YK_ADMIN_PASSWORD_MIN..MAX, valid UTF-8) and hashes it
 * (crypto_pwhash_str, Argon2id, interactive limits) into hash. False with a message for a
 * person (zh + en) in err when it breaks a rule or hashing fails. Slow by design. */
bool yk_admin_password_hash(const char *pw, char hash[128], char err[200]);

#endif
