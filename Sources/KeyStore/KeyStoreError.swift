/// Why a store operation failed.
///
/// Shaped like swift-certificates' `CertificateError`: a stable ``code`` to switch on (the server
/// maps it to a KMIP Result Reason, the command line to a message and exit status) and a human
/// ``reason``, with the ``file`` and ``line`` that raised it. Equality looks at the code only.
/// Reasons never contain key material or sealed attribute values.
public struct KeyStoreError: Error, Hashable, Sendable {
    /// A stable identifier of the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Backing: String, Hashable, Sendable {
            case notInitialized
            case masterKeyMissing
            case masterKeyInvalid
            case masterKeyInsecure
            case statePermissions
            case wrongMasterKey
            case integrityFailure
            case unreadableRecord
            case objectNotFound
            case wrongLifecycleState
            case invalidAttribute
            case readOnlyAttribute
            case notFound
            case alreadyExists
            case duplicateFingerprint
            case invalidCertificate
            case rootKeyUnavailable
            case unsupportedSchema
            case generationChanged
            case destroyNotAllowed
            case applyLocked
            case readOnly
            case quotaExceeded
            case io
            case database
        }

        let backing: Backing

        /// The state directory or its database does not exist yet: run `kmipgw init`.
        public static let notInitialized = Code(backing: .notInitialized)
        /// The master key file named (or the default one) does not exist or cannot be read.
        public static let masterKeyMissing = Code(backing: .masterKeyMissing)
        /// The master key file does not hold 32 bytes (raw, or 64 hexadecimal digits).
        public static let masterKeyInvalid = Code(backing: .masterKeyInvalid)
        /// The master key file is readable by group or others.
        public static let masterKeyInsecure = Code(backing: .masterKeyInsecure)
        /// The state directory is writable by group or others, or a store file is accessible to them.
        public static let statePermissions = Code(backing: .statePermissions)
        /// The master key is well-formed but is not the key this store was initialised with.
        public static let wrongMasterKey = Code(backing: .wrongMasterKey)
        /// A sealed record failed authentication: tampered, truncated or swapped. Never served.
        public static let integrityFailure = Code(backing: .integrityFailure)
        /// A sealed record passed authentication (it is what kmipgw wrote) but does not decode: a
        /// fault of this build or a record of a newer one, never tampering. Never served.
        public static let unreadableRecord = Code(backing: .unreadableRecord)
        /// No KMIP object with that identifier in this adapter (another adapter's objects are
        /// reported the same way, so they are never revealed). Maps to Item Not Found.
        public static let objectNotFound = Code(backing: .objectNotFound)
        /// The lifecycle forbids the operation in the object's state. Maps to Wrong Key Lifecycle State.
        public static let wrongLifecycleState = Code(backing: .wrongLifecycleState)
        /// An attribute value the store cannot accept (wrong type, duplicate single-instance…). Maps to Invalid Field.
        public static let invalidAttribute = Code(backing: .invalidAttribute)
        /// An attribute only the server sets (State, Initial Date…) was supplied or changed. Maps to Permission Denied.
        public static let readOnlyAttribute = Code(backing: .readOnlyAttribute)
        /// A configuration row named by a change does not exist.
        public static let notFound = Code(backing: .notFound)
        /// A configuration row with that name already exists.
        public static let alreadyExists = Code(backing: .alreadyExists)
        /// A certificate with that SHA-256 fingerprint is already registered (to any adapter).
        public static let duplicateFingerprint = Code(backing: .duplicateFingerprint)
        /// Certificate bytes that do not parse as an X.509 certificate.
        public static let invalidCertificate = Code(backing: .invalidCertificate)
        /// The adapter has no root key any more (it was deleted): its objects are unusable.
        public static let rootKeyUnavailable = Code(backing: .rootKeyUnavailable)
        /// The database was written by a newer (or unknown) kmipgw schema.
        public static let unsupportedSchema = Code(backing: .unsupportedSchema)
        /// The configuration changed since the plan was made (another apply came first).
        public static let generationChanged = Code(backing: .generationChanged)
        /// The apply would delete KMIP objects and was not allowed to.
        public static let destroyNotAllowed = Code(backing: .destroyNotAllowed)
        /// Another apply holds the apply lock, past the time allowed to wait for it.
        public static let applyLocked = Code(backing: .applyLocked)
        /// The state directory cannot be written (a read-only mount): reads work, changes do not.
        public static let readOnly = Code(backing: .readOnly)
        /// The adapter holds as many objects as its quota allows.
        public static let quotaExceeded = Code(backing: .quotaExceeded)
        /// A file system operation failed.
        public static let io = Code(backing: .io)
        /// SQLite reported an error (disk full, locked past the busy timeout, corruption…).
        public static let database = Code(backing: .database)

        public var description: String { backing.rawValue }
    }

    /// The kind of failure; the only part equality and hashing look at.
    public let code: Code
    /// What went wrong, for the operator.
    public let reason: String
    /// The file that raised the error, for diagnostics.
    public let file: String
    /// The line that raised the error, for diagnostics.
    public let line: UInt

    /// `file:line`, for logs.
    public var location: String { "\(file):\(line)" }

    /// An error of kind `code`, raised where this initialiser is called.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    /// Equal when the codes are: the reason and the location are diagnostics, so a test (or a
    /// caller) can compare with an error it builds itself.
    public static func == (lhs: KeyStoreError, rhs: KeyStoreError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension KeyStoreError: CustomStringConvertible {
    /// `code: reason`, as the command line and the logs show it (the location stays out of
    /// operator-facing text; ``file`` and ``line`` hold it).
    public var description: String {
        "\(code): \(reason)"
    }
}
