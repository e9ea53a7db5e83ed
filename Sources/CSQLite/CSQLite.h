// The system's SQLite C API, for the store's connections (Sources/KeyStore/SQLite).
#include <sqlite3.h>
