import KMIP

/// Why a client call failed.
///
/// Shaped like swift-certificates' `CertificateError`: a stable ``code``, a human ``reason``,
/// and for a KMIP-level failure the server's ``resultReason``.
public struct KMIPClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Backing: String, Hashable, Sendable {
            case timeout
            case connectionClosed
            case handshakeFailed
            case invalidResponse
            case operationFailed
        }

        let backing: Backing

        /// No answer (or no handshake) within the configured time; the connection is closed.
        public static let timeout = Code(backing: .timeout)
        /// The server closed the connection before answering.
        public static let connectionClosed = Code(backing: .connectionClosed)
        /// TLS failed: the server refused the client certificate or was not trusted.
        public static let handshakeFailed = Code(backing: .handshakeFailed)
        /// The answer is not a Response Message matching the request.
        public static let invalidResponse = Code(backing: .invalidResponse)
        /// The server answered with Operation Failed; see ``KMIPClientError/resultReason``.
        public static let operationFailed = Code(backing: .operationFailed)

        public var description: String { backing.rawValue }
    }

    public let code: Code
    public let reason: String
    /// The server's Result Reason, for ``Code/operationFailed``.
    public let resultReason: ResultReason?

    public init(code: Code, reason: String, resultReason: ResultReason? = nil) {
        self.code = code
        self.reason = reason
        self.resultReason = resultReason
    }

    public var description: String {
        if let resultReason { return "\(code) (\(resultReason)): \(reason)" }
        return "\(code): \(reason)"
    }
}
