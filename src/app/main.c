/* yikong-kiosk: the touchscreen app of the 益空间 service stations. */
#include "app/app.h"

#include "core/log.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    struct yk_config cfg;
    yk_config_defaults(&cfg);
    bool help = false, version = false;
    char err[1024];
    if (!yk_config_from_args(&cfg, argc, argv, &help, &version, err, sizeof err)) {
        fprintf(stderr, "yikong-kiosk: %s\n(yikong-kiosk --help lists every option)\n", err);
        return 2;
    }
    if (help) {
        yk_config_print_help(stdout);
        return 0;
    }
    if (version) {
        printf("yikong-kiosk %s\n", YK_VERSION);
        return 0;
    }
    if (cfg.check_config) {
        printf("config ok\n");
        return 0;
    }

    struct yk_app app;
    int rc = yk_app_init(&app, &cfg);
    if (rc == 0) {
        if (cfg.bench) {
            rc = yk_app_bench(&app);
        } else if (cfg.headless) {
            FILE *f = strcmp(cfg.script, "-") == 0 ? stdin : fopen(cfg.script, "r");
            if (!f) {
                fprintf(stderr, "yikong-kiosk: cannot read script %s\n", cfg.script);
                rc = 2;
            } else {
                rc = yk_app_run_script(&app, f, strcmp(cfg.script, "-") == 0 ? "stdin" : cfg.script);
                if (f != stdin)
                    fclose(f);
            }
        } else {
            rc = yk_app_run(&app);
        }
    }
    yk_app_destroy(&app);
    return rc;
}
