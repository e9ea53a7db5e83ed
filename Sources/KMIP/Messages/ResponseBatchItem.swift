import TTLV

/// The result of one operation of a request.
public struct ResponseBatchItem: KMIPStructure {
    public static let tag = Tag.batchItem

    /// Required when the request named it, which KMIP requests always do.
    public var operation: Operation?
    public var uniqueBatchItemID: [UInt8]?
    public var resultStatus: ResultStatus
    /// Required when the status is Operation Failed.
    public var resultReason: ResultReason?
    public var resultMessage: String?
    public var asynchronousCorrelationValue: [UInt8]?
    public var payload: ResponsePayload?
    public var messageExtension: TTLVItem?

    public init(
        operation: Operation?, uniqueBatchItemID: [UInt8]? = nil, resultStatus: ResultStatus,
        resultReason: ResultReason? = nil, resultMessage: String? = nil, asynchronousCorrelationValue: [UInt8]? = nil,
        payload: ResponsePayload? = nil, messageExtension: TTLVItem? = nil
    ) {
        self.operation = operation
        self.uniqueBatchItemID = uniqueBatchItemID
        self.resultStatus = resultStatus
        self.resultReason = resultReason
        self.resultMessage = resultMessage
        self.asynchronousCorrelationValue = asynchronousCorrelationValue
        self.payload = payload
        self.messageExtension = messageExtension
    }

    /// A successful result carrying `payload`.
    public static func success(
        _ payload: ResponsePayload, operation: Operation, uniqueBatchItemID: [UInt8]? = nil
    ) -> ResponseBatchItem {
        ResponseBatchItem(operation: operation, uniqueBatchItemID: uniqueBatchItemID, resultStatus: .success, payload: payload)
    }

    /// A failed result with its reason and a message for the person reading the client's log.
    public static func failure(
        _ reason: ResultReason, _ message: String, operation: Operation?, uniqueBatchItemID: [UInt8]? = nil
    ) -> ResponseBatchItem {
        ResponseBatchItem(
            operation: operation, uniqueBatchItemID: uniqueBatchItemID, resultStatus: .operationFailed,
            resultReason: reason, resultMessage: message
        )
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.operation = try reader.optional(.operation)
        self.uniqueBatchItemID = try reader.optional(.uniqueBatchItemID)
        self.resultStatus = try reader.require(.resultStatus)
        self.resultReason = try reader.optional(.resultReason)
        self.resultMessage = try reader.optional(.resultMessage)
        self.asynchronousCorrelationValue = try reader.optional(.asynchronousCorrelationValue)
        let payloadItem = reader.optionalItem(.responsePayload)
        self.messageExtension = reader.optionalItem(.messageExtension)
        try reader.finish()
        self.payload = try payloadItem.map { try ResponsePayload(operation: operation, ttlv: $0) }
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.operation, operation)
        children.append(.uniqueBatchItemID, uniqueBatchItemID)
        children.append(TTLVItem(.resultStatus, resultStatus))
        children.append(.resultReason, resultReason)
        children.append(.resultMessage, resultMessage)
        children.append(.asynchronousCorrelationValue, asynchronousCorrelationValue)
        if let payload { children.append(payload.ttlv(version: version)) }
        if let messageExtension { children.append(messageExtension) }
        return .structure(Self.tag, children)
    }
}
