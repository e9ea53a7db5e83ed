/// Why the server, or one of its connections, stopped.
///
/// Shaped like swift-certificates' `CertificateError`: a stable ``code`` to switch on, a human
/// ``reason`` and the source ``location`` that raised it; equality looks at the code only. The
/// command line decides how to show it.
public struct KMIPServerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Backing: String, Hashable, Sendable {
            case alreadyStarted
            case notRunning
            case invalidConfiguration
            case notKMIP
            case handshakeTimeout
            case idleTimeout
            case readTimeout
            case certificateRevoked
            case certificateExpired
            case evicted
        }

        let backing: Backing

        /// ``KMIPServer/run()`` was called twice.
        public static let alreadyStarted = Code(backing: .alreadyStarted)
        /// The server stopped (or failed to bind) before it listened.
        public static let notRunning = Code(backing: .notRunning)
        /// The TLS certificate, key or limits cannot be used.
        public static let invalidConfiguration = Code(backing: .invalidConfiguration)
        /// A connection sent bytes that do not start a KMIP Request Message.
        public static let notKMIP = Code(backing: .notKMIP)
        /// A client did not finish the TLS handshake in time.
        public static let handshakeTimeout = Code(backing: .handshakeTimeout)
        /// A connection sent nothing for the idle timeout.
        public static let idleTimeout = Code(backing: .idleTimeout)
        /// A message was not complete within the read timeout of its first byte.
        public static let readTimeout = Code(backing: .readTimeout)
        /// The connection's certificate was removed from (or changed in) the registry.
        public static let certificateRevoked = Code(backing: .certificateRevoked)
        /// The connection's certificate expired while the connection was open.
        public static let certificateExpired = Code(backing: .certificateExpired)
        /// The connection was still in its TLS handshake when a connection limit was reached, and
        /// was the oldest such: it was closed to make room for a new one.
        public static let evicted = Code(backing: .evicted)

        public var description: String { backing.rawValue }
    }

    public let code: Code
    public let reason: String
    /// Where the error was raised (`file:line` in kmipgw's sources), for diagnostics.
    public let location: String

    /// An error of kind `code`; `file` and `line` default to the place that creates it.
    @inline(never)
    init(code: Code, reason: String, file: String = #fileID, line: UInt = #line) {
        self.code = code
        self.reason = reason
        self.location = "\(file):\(line)"
    }

    public var description: String { "\(code): \(reason)" }

    public static func == (lhs: KMIPServerError, rhs: KMIPServerError) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension KMIPServerError: CustomDebugStringConvertible {
    /// The description with the source location: `idleTimeout: no activity for … (KMIPServer/…:12)`.
    public var debugDescription: String { "KMIPServerError.\(description) (\(location))" }
}
