import Foundation
import KMIP
import TTLV

/// One line of the audit log: what an adapter asked and how it ended. Never key material.
///
/// Holds the operation and the failure as their KMIP values; the audit log and the metrics each
/// take the form they need from them.
public struct AuditEvent: Sendable, Hashable {
    public var time: Date
    public var instance: String
    public var adapter: String
    public var operation: KMIP.Operation
    public var objectIdentifier: String?
    /// The key a Get asked to wrap the object with: who may unwrap a key handed out is part of
    /// the record.
    public var wrappingKeyIdentifier: String?
    /// The batch item's Result Reason when it failed; `nil` when it succeeded.
    public var failure: ResultReason?

    init(time: Date, context: AdapterContext, operation: KMIP.Operation, batch: BatchState, failure: OperationError?) {
        self.time = time
        self.instance = context.instance
        self.adapter = context.adapter
        self.operation = operation
        self.objectIdentifier = batch.objectIdentifier
        self.wrappingKeyIdentifier = batch.wrappingKeyIdentifier
        self.failure = failure?.reason
    }

    /// The operation's KMIP name (`Get`, `Create`…), or its number when it has none.
    public var operationName: String { operation.name ?? operation.description }
    /// `Success` or `OperationFailed`.
    public var result: String { failure == nil ? "Success" : "OperationFailed" }
    /// The Result Reason's KMIP name when the item failed.
    public var reason: String? { failure.map { $0.name ?? $0.description } }
}
