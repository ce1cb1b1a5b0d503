#ifndef YK_SECRET_FILE_H
#define YK_SECRET_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* Small secret files of a fixed size (a kiosk's ticket key, the hub's phone key): read only
 * when they are what they should be, written so that a reader sees no file or a whole one,
 * even after a power cut. Errors are logged under tag with the file's path and the cause,
 * never the secret. */

/* Reads exactly len bytes of path into buf. 1 = read; 0 = absent; -1 = unusable (not a
 * regular file owned by this user, unreadable, or not exactly len bytes: logged; the caller
 * must not overwrite it). A group/world-readable file is tightened to 0600 with a warning.
 * buf is zeroed unless 1. */
int yk_secret_file_read(const char *path, void *buf, size_t len, const char *tag);

/* Writes len bytes of buf to path atomically with mode 0600: a temporary file in the same
 * folder, fsync, then link (replace = false: never replaces an existing file, which is 0 =
 * exists) or rename over it (replace = true), then an fsync of the folder. 1 = written,
 * 0 = exists (replace = false only), -1 = error (logged; no temporary file left). */
int yk_secret_file_write(const char *path, const void *buf, size_t len, bool replace,
                         const char *tag);

#endif
