# Storage: database open/migrations, ids, content queries (src/core/db.c, migrate.c, ids.c, store.c).
yk_test(test_db_open SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_db_open.c LIBS yk_core)
yk_test(test_migrate SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_migrate.c LIBS yk_core)
yk_test(test_db_ids SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_db_ids.c LIBS yk_core)
yk_test(test_db_store SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_db_store.c LIBS yk_core)
# The content tables of the kiosk's schema and the hub's must stay the same (sync sends rows
# by column name).
yk_test(test_schema_pair SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_schema_pair.c LIBS yk_core yk_hub)
