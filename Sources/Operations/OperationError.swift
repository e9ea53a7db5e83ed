import KMIP
import Logging
import TTLV
import KeyStore

/// Why one batch item failed: the KMIP Result Reason and a Result Message that helps the person
/// reading the client's log. Messages never contain key material or sealed attribute values.
public struct OperationError: Error, Hashable, Sendable {
    public let reason: ResultReason
    public let message: String

    public init(_ reason: ResultReason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// The store's failure, as a client of this adapter may see it. A failure the client cannot
    /// act on (the disk, the database, a record that does not read) is an internal failure: see
    /// ``internalFailure(_:cause:logger:)``.
    init(_ error: KeyStoreError, objectIdentifier: String?, logger: Logger) {
        let subject = objectIdentifier.map { "object \($0)" } ?? "the object"
        switch error.code {
        case .objectNotFound:
            // Another adapter's object reads exactly like a missing one.
            self.init(.itemNotFound, "\(subject) does not exist for this adapter")
        case .wrongLifecycleState:
            self.init(.wrongKeyLifecycleState, error.reason)
        case .invalidAttribute:
            self.init(.invalidField, error.reason)
        case .readOnlyAttribute:
            self.init(.permissionDenied, error.reason)
        case .quotaExceeded:
            self.init(.permissionDenied, error.reason)
        case .rootKeyUnavailable:
            self.init(.permissionDenied, "the root key of this adapter was deleted; its KMIP keys are unusable")
        case .integrityFailure:
            self = .internalFailure("\(subject) failed its integrity check and is not served", cause: error, logger: logger)
        default:
            self = .internalFailure("the key store failed (\(error.code))", cause: error, logger: logger)
        }
    }

    /// A failure only the operator can look into: logged once, at error level, with its cause
    /// and where it was raised, under a short random incident identifier that the client's
    /// General Failure message also carries, so that the two can be matched. `cause` must not
    /// hold key material; ``KeyStoreError`` never does.
    static func internalFailure(_ summary: String, cause: any Error, logger: Logger) -> OperationError {
        let incident = String(UInt32.random(in: .min ... .max), radix: 16).leftPadded(to: 8)
        var metadata: Logger.Metadata = ["incident": "\(incident)", "cause": "\(cause)"]
        if let error = cause as? KeyStoreError {
            metadata["code"] = "\(error.code)"
            metadata["location"] = "\(error.location)"
        }
        logger.error("internal failure: \(summary)", metadata: metadata)
        return OperationError(.generalFailure, "\(summary); the operator's log has details under incident \(incident)")
    }

    static func invalidField(_ message: String) -> OperationError { OperationError(.invalidField, message) }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
