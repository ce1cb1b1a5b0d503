/* yikong-kiosk: the touchscreen app of the 益空间 service stations. */
#include "app/app.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    struct yk_config cfg;
    /* Options and config file; --help, --version and --check-config end here. A bad value
     * is reported by name and ends the program with status 2: never half-configured. */
    int rc = yk_config_cli(&cfg, argc, argv, YK_VERSION);
    if (rc >= 0)
        return rc;

    struct yk_app app;
    rc = yk_app_init(&app, &cfg);
    if (rc == 0) {
        if (cfg.bench) {
            rc = yk_app_bench(&app);
        } else if (cfg.headless) {
            bool std = strcmp(cfg.script, "-") == 0;
            FILE *f = std ? stdin : fopen(cfg.script, "r");
            if (!f) {
                fprintf(stderr, "yikong-kiosk: cannot read script %s\n", cfg.script);
                rc = 2;
            } else {
                rc = yk_app_run_script(&app, f, std ? "stdin" : cfg.script);
                if (!std)
                    fclose(f);
            }
        } else {
            rc = yk_app_run(&app);
        }
    }
    yk_app_destroy(&app);
    return rc;
}
