import KMIP
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

    /// The store's failure, as a client of this adapter may see it.
    init(_ error: KeyStoreError, objectIdentifier: String?) {
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
        case .rootKeyUnavailable:
            self.init(.permissionDenied, "the root key of this adapter was deleted; its KMIP keys are unusable")
        case .integrityFailure:
            self.init(.generalFailure, "\(subject) failed its integrity check and is not served")
        default:
            self.init(.generalFailure, "the key store failed (\(error.code)); the operator's log has details")
        }
    }

    static func invalidField(_ message: String) -> OperationError { OperationError(.invalidField, message) }
}
