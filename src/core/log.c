#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int min_level = -1;

void yk_log_set_level(enum yk_log_level level)
{
    min_level = (int)level;
}

void yk_log(enum yk_log_level level, const char *component, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    if (min_level < 0) {
        const char *env = getenv("YK_LOG");
        min_level = env && strcmp(env, "debug") == 0   ? YK_LOG_DEBUG
                    : env && strcmp(env, "quiet") == 0 ? YK_LOG_ERROR
                                                       : YK_LOG_INFO;
    }
    if ((int)level < min_level)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* One fprintf so concurrent threads never interleave within a line. */
    fprintf(stderr, "yikong %s [%s] %s\n", names[level], component, line);
}
