import KMIP
import Metrics
import NIOConcurrencyHelpers
import Operations

/// The request metrics of the gateway: `kmipgw_requests_total{operation, result}` per batch item
/// and `kmipgw_request_duration_seconds` per request message, and
/// `kmipgw_audit_refused_requests_total`.
///
/// This runs on every request, and making a swift-metrics `Counter` goes through the factory
/// (a lock and a dictionary in most backends), so every counter is made once: the success
/// counters of the operations this server performs up front, failure counters on first use.
/// Label values come only from enumerations (the operation and Result Reason names, with
/// `other` for anything else), never from the client, so their number stays bounded.
final class GatewayMetrics: Sendable {
    /// The `operation` label of operations this server does not perform (vendor or later ones).
    static let otherOperation = "other"
    /// The `result` label of a batch item that succeeded.
    static let success = "success"

    /// One request message, from its frame to its encoded answer.
    let duration: Timer
    /// Request messages refused because the audit log could not be written.
    let auditRefusals: Counter
    /// Indexed by `Operation.rawValue`; `nil` where the value is not a supported operation.
    private let successes: [Counter?]
    private let otherSuccess: Counter
    private let failures = NIOLockedValueBox<[FailureKey: Counter]>([:])
    private let factory: any MetricsFactory

    private struct FailureKey: Hashable {
        /// The operation's raw value, or `nil` for ``GatewayMetrics/otherOperation``.
        var operation: UInt32?
        /// The reason's raw value, or `nil` for a reason this build has no name for.
        var reason: UInt32?
    }

    init(factory: any MetricsFactory) {
        self.factory = factory
        duration = Timer(label: "kmipgw_request_duration_seconds", dimensions: [], factory: factory)
        auditRefusals = Counter(label: "kmipgw_audit_refused_requests_total", factory: factory)
        let supported = OperationRegistry.standard.operations
        var successes = [Counter?](repeating: nil, count: Int(supported.map(\.rawValue).max() ?? 0) + 1)
        for operation in supported {
            successes[Int(operation.rawValue)] = Self.counter(operation: Self.label(operation), result: Self.success, factory: factory)
        }
        self.successes = successes
        otherSuccess = Self.counter(operation: Self.otherOperation, result: Self.success, factory: factory)
    }

    /// Counts one batch item by its operation and outcome.
    func count(_ event: AuditEvent) {
        count(operation: event.operation, failure: event.failure)
    }

    /// Counts a message that could not be read (or asked for a version not offered): it has no
    /// batch item, so it counts once as `other` / `InvalidMessage`.
    func countUnreadableMessage() {
        count(operation: KMIP.Operation(rawValue: 0), failure: .invalidMessage)
    }

    /// Counts one batch item: `failure` is its Result Reason, `nil` when it succeeded.
    func count(operation: KMIP.Operation, failure: ResultReason?) {
        let slot = Int(operation.rawValue)
        let supported = slot < successes.count ? successes[slot] : nil
        guard let failure else {
            (supported ?? otherSuccess).increment()
            return
        }
        let key = FailureKey(operation: supported == nil ? nil : operation.rawValue, reason: failure.name == nil ? nil : failure.rawValue)
        let counter = failures.withLockedValue { counters in
            if let counter = counters[key] { return counter }
            let counter = Self.counter(
                operation: supported == nil ? Self.otherOperation : Self.label(operation),
                result: failure.name ?? Self.otherOperation, factory: factory)
            counters[key] = counter
            return counter
        }
        counter.increment()
    }

    private static func label(_ operation: KMIP.Operation) -> String {
        operation.name ?? otherOperation
    }

    private static func counter(operation: String, result: String, factory: any MetricsFactory) -> Counter {
        Counter(label: "kmipgw_requests_total", dimensions: [("operation", operation), ("result", result)], factory: factory)
    }
}
