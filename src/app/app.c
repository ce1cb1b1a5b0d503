/* placeholder */ typedef int yk_app_placeholder;
