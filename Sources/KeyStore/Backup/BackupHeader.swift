/// The header line of a backup file: what it holds, readable without the master key.
public struct BackupHeader: Codable, Hashable, Sendable {
    /// Row counts of the snapshot.
    public struct Counts: Codable, Hashable, Sendable {
        public var instances: Int
        public var rootKeys: Int
        public var adapters: Int
        public var certificates: Int
        public var objects: Int
    }

    /// The layout of the file; this kmipgw writes and reads version 1.
    public var format: Int
    /// The store's schema version at the snapshot (a newer kmipgw migrates it at restore).
    public var schemaVersion: Int64
    /// The store's configuration generation at the snapshot.
    public var generation: Int64
    /// When the snapshot was taken, seconds since 1970.
    public var createdAt: Int64
    public var counts: Counts
    /// The length of the SQLite database that follows the header.
    public var databaseBytes: Int
}
