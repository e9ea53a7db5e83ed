/// Where a state directory and its master key live, resolved from what the command line gives.
///
/// The library never reads the environment itself: the caller passes the flags and the
/// environment in, so tests and embedders decide.
public struct StoreLocation: Hashable, Sendable {
    /// The state directory.
    public var directory: String
    /// The master key file: `--master-key-file`, else `$KMIPGW_MASTER_KEY_FILE`, else `directory/master.key`.
    public var masterKeyFile: String
    /// Whether the master key file lives in the state directory (made by `kmipgw init`).
    public var masterKeyIsDefault: Bool

    /// The environment variable naming the state directory.
    public static let stateEnvironmentVariable = "KMIPGW_STATE"
    /// The environment variable naming the master key file.
    public static let masterKeyEnvironmentVariable = "KMIPGW_MASTER_KEY_FILE"
    /// The state directory used when neither flag nor environment names one.
    public static let defaultDirectory = ".kmipgw"

    public init(directory: String, masterKeyFile: String? = nil) {
        self.directory = directory
        self.masterKeyIsDefault = masterKeyFile == nil
        self.masterKeyFile = masterKeyFile ?? Self.join(directory, "master.key")
    }

    /// `--state DIR`, else `$KMIPGW_STATE`, else `./.kmipgw`; `--master-key-file PATH`, else
    /// `$KMIPGW_MASTER_KEY_FILE`, else the state directory's `master.key`. Empty values count as absent.
    public static func resolve(
        state: String?, masterKeyFile: String?, environment: [String: String]
    ) -> StoreLocation {
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        let directory =
            nonEmpty(state) ?? nonEmpty(environment[stateEnvironmentVariable]) ?? defaultDirectory
        let key = nonEmpty(masterKeyFile) ?? nonEmpty(environment[masterKeyEnvironmentVariable])
        return StoreLocation(directory: directory, masterKeyFile: key)
    }

    /// The SQLite database (its `-wal` and `-shm` companions sit beside it).
    public var databaseFile: String { Self.join(directory, "store.sqlite") }
    /// The lock file that serialises `kmipgw apply` runs (``ApplyLock``).
    public var applyLockFile: String { Self.join(directory, "apply.lock") }
    /// The KMIP endpoint's certificate (PEM) made or copied by `kmipgw init`.
    public var serverCertificateFile: String { Self.join(directory, "server-cert.pem") }
    /// The KMIP endpoint's private key (PEM, mode 0600).
    public var serverKeyFile: String { Self.join(directory, "server-key.pem") }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
