// The system's SQLite C API, for the store's connections (Sources/KeyStore/SQLite).
#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's memory statistics:
// with them on (the system library's default) every allocation takes one process-wide mutex,
// which readers on several threads then queue on. Must run before the first connection opens;
// returns SQLITE_MISUSE after that.
static inline int kmipgw_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
