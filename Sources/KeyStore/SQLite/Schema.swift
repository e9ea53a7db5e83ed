/// The database layout, version 2. Kept in one place so a review sees every clear column.
///
/// Clear: configuration (it comes from git), object identifiers, owning adapter and root key,
/// and the lifecycle fields Locate filters on (object type, algorithm, length, usage mask, state,
/// dates). Sealed (AES-256-GCM): root key material, KMIP key material, every other attribute.
/// Authenticated (`mac`, ``RowAuthenticator``): every row of the tables of
/// ``AuthenticatedTable``, and the generation together with the list of configuration tags.
/// `adapter_objects` counts each adapter's objects for its quota (kept in the same transactions
/// as the objects; not authenticated: changing it can only refuse creates, never grant).
enum Schema {
    static let version: Int64 = 2

    /// The statements that bring a store from version `n` to `n + 1`, by `n`. Each runs in the
    /// migrating transaction, followed by the Swift step of the same version (tagging rows).
    static let migrations: [Int64: String] = [
        1: """
            ALTER TABLE generation ADD COLUMN mac BLOB;
            ALTER TABLE instances ADD COLUMN mac BLOB;
            ALTER TABLE root_keys ADD COLUMN mac BLOB;
            ALTER TABLE adapters ADD COLUMN mac BLOB;
            ALTER TABLE certificates ADD COLUMN mac BLOB;
            ALTER TABLE objects ADD COLUMN mac BLOB;
            ALTER TABLE adapters ADD COLUMN max_objects INTEGER;
            ALTER TABLE adapters ADD COLUMN max_attributes INTEGER;
            ALTER TABLE adapters ADD COLUMN max_attribute_bytes INTEGER;
            CREATE TABLE adapter_objects (adapter_id INTEGER PRIMARY KEY, count INTEGER NOT NULL);
            INSERT INTO adapter_objects (adapter_id, count) SELECT adapter_id, count(*) FROM objects GROUP BY adapter_id;
            """
    ]

    static let create = """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE generation (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            value INTEGER NOT NULL,
            mac BLOB
        );
        INSERT INTO generation (id, value) VALUES (1, 0);
        CREATE TABLE instances (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            description TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            mac BLOB
        );
        CREATE TABLE root_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id INTEGER NOT NULL REFERENCES instances (id),
            name TEXT NOT NULL,
            sealed_key BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            mac BLOB,
            UNIQUE (instance_id, name)
        );
        CREATE TABLE adapters (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id INTEGER NOT NULL REFERENCES instances (id),
            name TEXT NOT NULL,
            description TEXT,
            root_key_id INTEGER REFERENCES root_keys (id),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            max_objects INTEGER,
            max_attributes INTEGER,
            max_attribute_bytes INTEGER,
            mac BLOB,
            UNIQUE (instance_id, name)
        );
        CREATE TABLE certificates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            adapter_id INTEGER NOT NULL REFERENCES adapters (id),
            name TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            subject TEXT NOT NULL,
            not_before INTEGER NOT NULL,
            not_after INTEGER NOT NULL,
            der BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            mac BLOB,
            UNIQUE (adapter_id, name),
            CONSTRAINT certificates_fingerprint UNIQUE (fingerprint)
        );
        CREATE TABLE objects (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            adapter_id INTEGER NOT NULL REFERENCES adapters (id),
            root_key_id INTEGER NOT NULL REFERENCES root_keys (id),
            object_type INTEGER NOT NULL,
            algorithm INTEGER,
            length INTEGER,
            usage_mask INTEGER,
            state INTEGER NOT NULL,
            initial_date INTEGER NOT NULL,
            activation_date INTEGER,
            deactivation_date INTEGER,
            compromise_date INTEGER,
            compromise_occurrence_date INTEGER,
            destroy_date INTEGER,
            last_change_date INTEGER NOT NULL,
            attributes BLOB NOT NULL,
            material BLOB,
            mac BLOB
        );
        CREATE INDEX objects_by_adapter ON objects (adapter_id);
        CREATE INDEX objects_by_root_key ON objects (root_key_id);
        CREATE TABLE adapter_objects (
            adapter_id INTEGER PRIMARY KEY,
            count INTEGER NOT NULL
        );
        CREATE TABLE object_index (
            adapter_id INTEGER NOT NULL,
            tag BLOB NOT NULL,
            object_id INTEGER NOT NULL,
            PRIMARY KEY (adapter_id, tag, object_id)
        ) WITHOUT ROWID;
        """
}
