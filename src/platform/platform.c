typedef int yk_platform_placeholder;
