/* Small secret files read and written safely (secret_file.h). */
#include "core/secret_file.h"

#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int yk_secret_file_read(const char *path, void *buf, size_t len, const char *tag)
{
    sodium_memzero(buf, len);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        yk_error(tag, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        yk_error(tag, "cannot stat %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid()) {
        yk_error(tag, "%s is not a regular file owned by this user: refusing to use it", path);
        close(fd);
        return -1;
    }
    if (sb.st_mode & 077) {
        yk_warn(tag, "%s was readable by others (mode %03o): now 0600", path,
                (unsigned)(sb.st_mode & 0777));
        if (fchmod(fd, 0600) != 0) {
            yk_error(tag, "cannot chmod %s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
    }
    /* One byte more than wanted: a longer file is damaged too. */
    uint8_t *tmp = malloc(len + 1);
    if (!tmp) {
        close(fd);
        yk_error(tag, "out of memory reading %s", path);
        return -1;
    }
    size_t got = 0;
    ssize_t k = 0;
    while (got < len + 1 && (k = read(fd, tmp + got, len + 1 - got)) > 0)
        got += (size_t)k;
    int err = errno;
    close(fd);
    int rc = 1;
    if (k < 0) {
        yk_error(tag, "cannot read %s: %s", path, strerror(err));
        rc = -1;
    } else if (got != len) {
        yk_error(tag, "%s is damaged (%s%zu bytes, expected %zu)", path, got > len ? "over " : "",
                 got > len ? len : got, len);
        rc = -1;
    } else {
        memcpy(buf, tmp, len);
    }
    sodium_memzero(tmp, len + 1);
    free(tmp);
    return rc;
}

static bool fsync_dir(const char *dir, const char *tag)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        yk_error(tag, "cannot sync directory %s: %s", dir, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    close(fd);
    return true;
}

int yk_secret_file_write(const char *path, const void *buf, size_t len, bool replace,
                         const char *tag)
{
    char tmp[4096], dir[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp ||
        snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir) {
        yk_error(tag, "path too long: %s", path);
        return -1;
    }
    const char *folder = dirname(dir);
    int fd = mkstemp(tmp); /* mode 0600 whatever the umask */
    if (fd < 0) {
        yk_error(tag, "cannot create a file beside %s: %s", path, strerror(errno));
        return -1;
    }
    bool ok = fchmod(fd, 0600) == 0 && write(fd, buf, len) == (ssize_t)len && fsync(fd) == 0;
    int err = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        yk_error(tag, "cannot write %s: %s", tmp, strerror(err));
        unlink(tmp);
        return -1;
    }
    int rc = 1;
    if (replace) {
        if (rename(tmp, path) != 0) {
            yk_error(tag, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
            unlink(tmp);
            return -1;
        }
    } else {
        if (link(tmp, path) != 0) {
            if (errno == EEXIST) {
                rc = 0;
            } else {
                yk_error(tag, "cannot link %s to %s: %s", tmp, path, strerror(errno));
                rc = -1;
            }
        }
        unlink(tmp);
    }
    if (rc == 1 && !fsync_dir(folder, tag))
        return -1;
    return rc;
}
