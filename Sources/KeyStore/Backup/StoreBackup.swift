import Foundation
import KMIP
import Logging

/// Online backups of the SQLite store: a consistent snapshot taken while `serve` and `apply` run,
/// written sealed (the master key is never in it) into one checksummed file
/// (``BackupFile``); verified and restored only with the master key.
public enum StoreBackup {
    /// What ``verify(_:masterKeyFile:)`` checked.
    public struct Verification: Hashable, Sendable {
        public var header: BackupHeader
        /// Objects whose material was unsealed (every object not destroyed).
        public var unsealedObjects: Int
    }

    /// Takes a snapshot of the store at `location` and writes it to `path`. Needs no master key
    /// and reads through its own connection, so writers go on meanwhile: SQLite's `VACUUM INTO`
    /// copies one read transaction, so the snapshot holds every change committed before it
    /// started and none after.
    public static func create(from location: StoreLocation, to path: String, now: Int64) throws(BackupError) -> BackupHeader {
        guard FileManager.default.fileExists(atPath: location.databaseFile) else {
            throw BackupError(.store, "no store at \(location.databaseFile); nothing to back up")
        }
        let scratch = try temporaryDirectory(besides: path)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let snapshot = scratch + "/snapshot.sqlite"
        do throws(KeyStoreError) {
            let source = try SQLiteDatabase(path: location.databaseFile, create: false)
            try source.execute("VACUUM INTO '\(snapshot.replacingOccurrences(of: "'", with: "''"))'")
        } catch {
            throw BackupError(.store, "cannot take a snapshot of \(location.databaseFile): \(error.reason)")
        }
        var header = try describe(snapshot, now: now)
        guard let size = (try? FileManager.default.attributesOfItem(atPath: snapshot))?[.size] as? NSNumber else {
            throw BackupFile.ioError("cannot read the snapshot \(snapshot)")
        }
        header.databaseBytes = size.intValue
        try BackupFile.write(header: header, database: snapshot, to: path)
        return header
    }

    /// Checks `path` with the master key: its checksum, then, in a scratch copy, every
    /// configuration row's tag, every object row's tag and every object's sealed material
    /// (unsealed, then dropped), and the counts its header states.
    public static func verify(_ path: String, masterKeyFile: String) throws(BackupError) -> Verification {
        let file = try BackupFile.load(path)
        let scratch = try temporaryDirectory(besides: path)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        return try verify(file, in: scratch, masterKeyFile: masterKeyFile)
    }

    /// Replaces the store at `location` with the backup at `path`, after verifying it with
    /// `location`'s master key (the key the backup was sealed with). The state directory must be
    /// initialised (`kmipgw init`); a store that holds any instance or object is refused unless
    /// `replacing`. Holds the apply lock; `serve` must be stopped first.
    public static func restore(
        _ path: String, into location: StoreLocation, replacing: Bool, logger: Logger = Logger(label: "kmipgw.store")
    ) throws(BackupError) -> Verification {
        guard FileManager.default.fileExists(atPath: location.databaseFile) else {
            throw BackupError(
                .store,
                "no store at \(location.databaseFile): run `kmipgw init` with the backup's master key first")
        }
        let lock: ApplyLock
        do {
            lock = try ApplyLock.acquire(location, timeout: .zero)
        } catch {
            throw BackupError(.store, error.reason)
        }
        defer { withExtendedLifetime(lock) {} }
        if !replacing {
            let (instances, objects): (Int, Int)
            do {
                let current = try SQLiteStore.open(location, logger: logger)
                defer { current.close() }
                instances = try current.configuration().instances.count
                objects = try current.objectCounts().byAdapter.values.reduce(0, +)
            } catch {
                throw BackupError(.store, "cannot read the store at \(location.directory): \(error)")
            }
            guard instances == 0 && objects == 0 else {
                throw BackupError(
                    .targetNotEmpty,
                    "the store at \(location.directory) holds \(instances) instances and \(objects) objects; "
                        + "restore replaces a store that holds anything only when told to (--replace)")
            }
        }
        let file = try BackupFile.load(path)
        let scratch = try temporaryDirectory(besides: location.databaseFile)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let verification = try verify(file, in: scratch, masterKeyFile: location.masterKeyFile)
        // The verified copy goes into place: nothing unverified reaches the store.
        let verified = scratch + "/store.sqlite"
        for suffix in ["-wal", "-shm"] { unlink(location.databaseFile + suffix) }
        guard rename(verified, location.databaseFile) == 0 else {
            throw BackupFile.ioError("cannot move the restored store into \(location.databaseFile)")
        }
        BackupFile.syncDirectory(of: location.databaseFile)
        return verification
    }

    private static func verify(_ file: BackupFile, in scratch: String, masterKeyFile: String) throws(BackupError)
        -> Verification
    {
        let location = StoreLocation(directory: scratch, masterKeyFile: masterKeyFile)
        try file.extractDatabase(to: location.databaseFile)
        let header = file.header
        var objects = 0
        var unsealed = 0
        let configuration: StoreConfiguration
        do {
            // Opening checks the master key against the backup's key check value, and migrates
            // the scratch copy of an older schema.
            let store = try SQLiteStore.open(location, logger: Logger(label: "kmipgw.backup") { _ in SwiftLogNoOpLogHandler() })
            defer { store.close() }
            configuration = try store.configuration()
            for adapter in configuration.adapters {
                for summary in try store.objectSummaries(adapterID: adapter.id) {
                    if let problem = summary.problem {
                        throw BackupError(.contentMismatch, "object \(summary.uniqueIdentifier) fails its check: \(problem)")
                    }
                    objects += 1
                    if summary.state != .destroyed && summary.state != .destroyedCompromised {
                        _ = try store.key(summary.uniqueIdentifier, adapterID: adapter.id)
                        unsealed += 1
                    }
                }
            }
        } catch let error as BackupError {
            throw error
        } catch let error as KeyStoreError {
            throw BackupError(.store, "the backup does not open with the master key \(masterKeyFile): \(error.reason)")
        } catch {
            throw BackupError(.store, "the backup does not open with the master key \(masterKeyFile): \(error)")
        }
        let found = BackupHeader.Counts(
            instances: configuration.instances.count, rootKeys: configuration.rootKeys.count,
            adapters: configuration.adapters.count, certificates: configuration.certificates.count, objects: objects)
        guard found == header.counts else {
            throw BackupError(.contentMismatch, "the backup holds \(found), its header says \(header.counts)")
        }
        return Verification(header: header, unsealedObjects: unsealed)
    }

    /// The header of a snapshot file: its schema, generation and row counts.
    private static func describe(_ snapshot: String, now: Int64) throws(BackupError) -> BackupHeader {
        do throws(KeyStoreError) {
            let database = try SQLiteDatabase(path: snapshot, create: false, readOnly: true)
            func count(_ table: String) throws(KeyStoreError) -> Int { Int(try database.integer("SELECT count(*) FROM \(table)")) }
            let header = BackupHeader(
                format: 1,
                schemaVersion: try database.integer("SELECT value FROM meta WHERE key = 'schema_version'"),
                generation: try database.integer("SELECT value FROM generation"),
                createdAt: now,
                counts: .init(
                    instances: try count("instances"), rootKeys: try count("root_keys"), adapters: try count("adapters"),
                    certificates: try count("certificates"), objects: try count("objects")),
                databaseBytes: 0)
            return header
        } catch {
            throw BackupError(.store, "cannot read the snapshot: \(error.reason)")
        }
    }

    /// A private directory (0700) beside `path`, on the same file system so that renames stay atomic.
    private static func temporaryDirectory(besides path: String) throws(BackupError) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        var template = Array(((parent.isEmpty ? "." : parent) + "/.kmipgw-backup-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BackupFile.ioError("cannot make a scratch directory in \(parent.isEmpty ? "." : parent)")
        }
        return String(cString: made)
    }
}
