/// Why a ``Gateway`` could not be built. Shaped like swift-certificates' `CertificateError`:
/// equality compares the code only.
public struct GatewayError: Error, Hashable, CustomStringConvertible, Sendable {
    /// The kind of failure, stable across messages.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: Hashable, Sendable {
            case storeReadOnly, storeUnreadable, auditLogUnavailable, metricsEndpointUnavailable, serverUnavailable
        }

        private let backing: Backing

        /// The store cannot be written; a server on it would fail every Create.
        public static let storeReadOnly = Code(backing: .storeReadOnly)
        /// The store's configuration could not be read (or failed its integrity check).
        public static let storeUnreadable = Code(backing: .storeUnreadable)
        /// The audit log file could not be opened.
        public static let auditLogUnavailable = Code(backing: .auditLogUnavailable)
        /// The metrics endpoint could not listen on its address.
        public static let metricsEndpointUnavailable = Code(backing: .metricsEndpointUnavailable)
        /// The KMIP server could not be set up (its TLS configuration).
        public static let serverUnavailable = Code(backing: .serverUnavailable)

        public var description: String { "\(backing)" }
    }

    public let code: Code
    /// What went wrong, for the operator.
    public let reason: String
    public let file: String
    public let line: UInt

    init(_ code: Code, _ reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
    }

    public var description: String { reason }

    public static func == (lhs: GatewayError, rhs: GatewayError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
