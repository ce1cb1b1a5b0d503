typedef int yk_ui_placeholder;
