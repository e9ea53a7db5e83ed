import Foundation
import KMIP
import TTLV

/// One line of the audit log: what an adapter asked and how it ended. Never key material.
public struct AuditEvent: Sendable, Hashable, Encodable {
    public var time: Date
    public var instance: String
    public var adapter: String
    public var operation: String
    public var objectIdentifier: String?
    public var result: String
    public var reason: String?
    /// The operation as its enumeration value, so metrics need not parse ``operation``; not in the audit line.
    public var operationValue: KMIP.Operation
    /// The failure's Result Reason as its enumeration value (`nil` on success); not in the audit line.
    public var resultReason: ResultReason?

    private enum CodingKeys: String, CodingKey {
        case time, instance, adapter, operation, objectIdentifier, result, reason
    }

    init(time: Date, context: AdapterContext, operation: KMIP.Operation, objectIdentifier: String?, failure: OperationError?) {
        self.time = time
        self.instance = context.instance
        self.adapter = context.adapter
        self.operation = operation.name ?? operation.description
        self.objectIdentifier = objectIdentifier
        self.result = failure == nil ? "Success" : "OperationFailed"
        self.reason = failure.map { $0.reason.name ?? $0.reason.description }
        self.operationValue = operation
        self.resultReason = failure?.reason
    }
}
