#ifndef YK_LOG_H
#define YK_LOG_H

/* Logging to stderr (journald picks it up under systemd). One line per call, prefixed with
 * the level and the component. Never pass personal data (phone numbers, PINs) to these. */

enum yk_log_level { YK_LOG_DEBUG, YK_LOG_INFO, YK_LOG_WARN, YK_LOG_ERROR };

/* Messages below level are dropped. Default: YK_LOG_INFO (YK_LOG=debug in the environment
 * lowers it). */
void yk_log_set_level(enum yk_log_level level);

void yk_log(enum yk_log_level level, const char *component, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define yk_debug(comp, ...) yk_log(YK_LOG_DEBUG, comp, __VA_ARGS__)
#define yk_info(comp, ...) yk_log(YK_LOG_INFO, comp, __VA_ARGS__)
#define yk_warn(comp, ...) yk_log(YK_LOG_WARN, comp, __VA_ARGS__)
#define yk_error(comp, ...) yk_log(YK_LOG_ERROR, comp, __VA_ARGS__)

#endif
