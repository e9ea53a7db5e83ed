import Foundation

/// `kmipgw init`: makes a state directory ready, creating only what is missing, so running it
/// again changes nothing.
public struct StateInitializer: Sendable {
    /// What a run did and where the server certificate is.
    public struct Report: Hashable, Sendable {
        public var createdDirectory: Bool
        public var createdMasterKey: Bool
        public var createdDatabase: Bool
        /// The server certificate and key were generated or copied in this run.
        public var createdServerIdentity: Bool
        public var serverCertificateFile: String
        public var serverKeyFile: String
        /// SHA-256 of the server certificate, what an operator uploads to vCenter.
        public var serverCertificateFingerprint: String

        /// Whether this run changed anything.
        public var changedAnything: Bool {
            createdDirectory || createdMasterKey || createdDatabase || createdServerIdentity
        }
    }

    public var location: StoreLocation

    public init(location: StoreLocation) {
        self.location = location
    }

    /// Creates what is missing: the directory (0700), the master key (0600, only at the default
    /// place: a named key must exist), the database, and the server identity, generated for
    /// `hostName` unless the operator supplies PEM files (copied into the state directory).
    /// An existing directory writable by group or others, or a store file open to them, is
    /// refused (``StatePermissions``).
    public func run(hostName: String, tlsCertificateFile: String? = nil, tlsKeyFile: String? = nil) throws -> Report {
        let files = FileManager.default
        var createdDirectory = false
        var isDirectory: ObjCBool = false
        if !files.fileExists(atPath: location.directory, isDirectory: &isDirectory) {
            do {
                try files.createDirectory(
                    atPath: location.directory, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            } catch {
                throw KeyStoreError(.io, "cannot create the state directory \(location.directory): \(error)")
            }
            createdDirectory = true
        } else if !isDirectory.boolValue {
            throw KeyStoreError(.io, "\(location.directory) exists and is not a directory")
        }
        // An existing directory others can write to may already hold their files: refused, not repaired.
        try StatePermissions.check(location)

        let databaseExists = files.fileExists(atPath: location.databaseFile)
        var createdMasterKey = false
        let masterKey: MasterKey
        if files.fileExists(atPath: location.masterKeyFile) {
            masterKey = try MasterKey.load(from: location.masterKeyFile)
        } else if databaseExists {
            // A new key could never open the existing records: refuse rather than make one.
            throw KeyStoreError(
                .masterKeyMissing,
                "the store exists but its master key \(location.masterKeyFile) does not; name the right key with "
                    + "--master-key-file")
        } else if location.masterKeyIsDefault {
            masterKey = try MasterKey.create(at: location.masterKeyFile)
            createdMasterKey = true
        } else {
            throw KeyStoreError(.masterKeyMissing, "the named master key file \(location.masterKeyFile) does not exist")
        }

        var createdDatabase = false
        if databaseExists {
            // Opening verifies the key against the stored check value.
            let store = try SQLiteStore(location: location, masterKey: masterKey, clock: .system)
            store.close()
        } else {
            try SQLiteStore.createSchema(at: location.databaseFile, masterKey: masterKey)
            createdDatabase = true
        }

        let (identity, createdIdentity) = try serverIdentity(
            hostName: hostName, certificateFile: tlsCertificateFile, keyFile: tlsKeyFile)
        return Report(
            createdDirectory: createdDirectory, createdMasterKey: createdMasterKey, createdDatabase: createdDatabase,
            createdServerIdentity: createdIdentity, serverCertificateFile: location.serverCertificateFile,
            serverKeyFile: location.serverKeyFile, serverCertificateFingerprint: identity.fingerprint)
    }

    private func serverIdentity(
        hostName: String, certificateFile: String?, keyFile: String?
    ) throws -> (ServerIdentity, Bool) {
        let certificatePath = location.serverCertificateFile
        let keyPath = location.serverKeyFile
        var supplied: ServerIdentity?
        if let certificateFile, let keyFile {
            supplied = try ServerIdentity(
                certificatePEM: Self.read(certificateFile), privateKeyPEM: Self.read(keyFile))
        } else if certificateFile != nil || keyFile != nil {
            throw KeyStoreError(.invalidCertificate, "--tls-cert and --tls-key go together")
        }
        if FileManager.default.fileExists(atPath: certificatePath) {
            let existing = try ServerIdentity(
                certificatePEM: Self.read(certificatePath), privateKeyPEM: Self.read(keyPath))
            if let supplied, supplied.fingerprint != existing.fingerprint {
                throw KeyStoreError(
                    .alreadyExists,
                    "the state directory already has a different server certificate (\(certificatePath)); remove it "
                        + "and its key to replace them")
            }
            return (existing, false)
        }
        let identity = try supplied ?? ServerIdentity.generate(hostName: hostName)
        // The key first: a certificate file without its key would look complete.
        try Self.writeFile(identity.privateKeyPEM, to: keyPath, mode: 0o600)
        try Self.writeFile(identity.certificatePEM, to: certificatePath, mode: 0o644)
        return (identity, true)
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeyStoreError(.io, "cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes a new file with `mode` from the start (never a moment with wider permissions),
    /// replacing a leftover from an interrupted run, and syncs it.
    static func writeFile(_ text: String, to path: String, mode: mode_t) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw KeyStoreError(.io, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw KeyStoreError(.io, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
