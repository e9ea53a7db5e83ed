/// Why `apply` did not change the store.
///
/// Shaped like swift-certificates' `CertificateError`: a ``code`` to switch on, a human
/// ``reason`` (never key material), and where it was raised. Equality looks at the code only.
public struct ReconcileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public var code: Code
    /// What went wrong, for the operator.
    public var reason: String
    /// The plan changes involved (for ``Code/destroyNotAllowed``: the refused ones).
    public var addresses: [String]
    private var location: String

    private init(code: Code, reason: String, addresses: [String], file: String, line: UInt) {
        self.code = code
        self.reason = reason
        self.addresses = addresses
        self.location = "\(file):\(line)"
    }

    /// The plan destroys root keys or KMIP keys and `--allow-destroy` was not given.
    @inline(never)
    public static func destroyNotAllowed(_ refused: [PlanChange], file: String = #fileID, line: UInt = #line)
        -> ReconcileError
    {
        let noun = refused.count == 1 ? "change destroys" : "changes destroy"
        let list = refused.map { "\($0.kind.label) \($0.address)" }.joined(separator: ", ")
        return ReconcileError(
            code: .destroyNotAllowed,
            reason: "refusing to apply: \(refused.count) \(noun) root keys or KMIP keys (\(list)); "
                + "re-run with --allow-destroy to allow this",
            addresses: refused.map(\.address), file: file, line: line)
    }

    /// The store found, inside the transaction, KMIP keys the apply would delete without
    /// `--allow-destroy` (keys created after the plan was made); nothing was changed.
    @inline(never)
    public static func destroyNotAllowed(reason: String, file: String = #fileID, line: UInt = #line)
        -> ReconcileError
    {
        ReconcileError(code: .destroyNotAllowed, reason: reason, addresses: [], file: file, line: line)
    }

    /// Another apply changed the store after this plan was made; nothing was changed.
    @inline(never)
    public static func storeChanged(_ reason: String, file: String = #fileID, line: UInt = #line) -> ReconcileError {
        ReconcileError(code: .storeChanged, reason: reason, addresses: [], file: file, line: line)
    }

    /// The store refused the transaction; nothing was changed.
    @inline(never)
    public static func storeRejected(_ reason: String, file: String = #fileID, line: UInt = #line) -> ReconcileError {
        ReconcileError(
            code: .storeRejected, reason: "the store refused the change, nothing was applied: \(reason)",
            addresses: [], file: file, line: line)
    }

    /// `ReconcileError.destroyNotAllowed: reason (file:line)`.
    public var description: String {
        "ReconcileError.\(code): \(reason) (\(location))"
    }

    public static func == (lhs: ReconcileError, rhs: ReconcileError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension ReconcileError {
    /// The kind of a ``ReconcileError``.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Backing: String, Hashable, Sendable {
            case destroyNotAllowed = "destroy-not-allowed"
            case storeRejected = "store-rejected"
            case storeChanged = "store-changed"
        }

        fileprivate var backing: Backing

        fileprivate init(_ backing: Backing) {
            self.backing = backing
        }

        /// The plan needs `--allow-destroy`.
        public static let destroyNotAllowed = Code(.destroyNotAllowed)
        /// The store changed since the plan was made: plan again.
        public static let storeChanged = Code(.storeChanged)
        /// The store's transaction failed and was rolled back.
        public static let storeRejected = Code(.storeRejected)

        /// The stable kebab-case name.
        public var description: String { backing.rawValue }
    }
}
