/* yk_config_tool: the kiosk's command-line front end without the kiosk, so that
 * kiosk-image/check.sh can run `--config FILE --check-config` through the real parser
 * before src/app/main.c is wired to yk_config_cli(). Exit status as the app's: 0, or 2 for
 * a bad option or config file; 3 where the app would have started the kiosk. */
#include "core/config.h"

int main(int argc, char **argv)
{
    struct yk_config cfg;
    int rc = yk_config_cli(&cfg, argc, argv, "config-tool");
    return rc < 0 ? 3 : rc;
}
