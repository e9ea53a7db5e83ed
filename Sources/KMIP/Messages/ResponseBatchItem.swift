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
    /// The Response Payload as received or as encoded for the response's version; read it with
    /// ``payload(as:)``. Kept as an item so that answering needs no table of payload types.
    public var payloadItem: TTLVItem?
    public var messageExtension: TTLVItem?

    public init(
        operation: Operation?, uniqueBatchItemID: [UInt8]? = nil, resultStatus: ResultStatus,
        resultReason: ResultReason? = nil, resultMessage: String? = nil, asynchronousCorrelationValue: [UInt8]? = nil,
        payloadItem: TTLVItem? = nil, messageExtension: TTLVItem? = nil
    ) {
        self.operation = operation
        self.uniqueBatchItemID = uniqueBatchItemID
        self.resultStatus = resultStatus
        self.resultReason = resultReason
        self.resultMessage = resultMessage
        self.asynchronousCorrelationValue = asynchronousCorrelationValue
        self.payloadItem = payloadItem
        self.messageExtension = messageExtension
    }

    /// A successful result carrying `payloadItem`, a Response Payload already encoded.
    public static func success(
        payloadItem: TTLVItem, operation: Operation, uniqueBatchItemID: [UInt8]? = nil
    ) -> ResponseBatchItem {
        ResponseBatchItem(operation: operation, uniqueBatchItemID: uniqueBatchItemID, resultStatus: .success, payloadItem: payloadItem)
    }

    /// A successful result carrying `payload`, encoded for `version`.
    public static func success<Payload: KMIPResponsePayload>(
        _ payload: Payload, version: ProtocolVersion, uniqueBatchItemID: [UInt8]? = nil
    ) -> ResponseBatchItem {
        success(payloadItem: payload.ttlv(version: version), operation: Payload.operation, uniqueBatchItemID: uniqueBatchItemID)
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
        self.payloadItem = reader.optionalItem(.responsePayload)
        self.messageExtension = reader.optionalItem(.messageExtension)
        try reader.finish()
    }

    /// The payload decoded as `Payload`, which must be the payload of ``operation`` when the
    /// item names one.
    public func payload<Payload: KMIPResponsePayload>(as type: Payload.Type = Payload.self) throws -> Payload {
        if let operation, operation != Payload.operation {
            throw KMIPDecodingError.invalid(.operation, "the batch item answers a \(operation) request, not a \(Payload.operation) one")
        }
        guard let payloadItem else { throw KMIPDecodingError.missing(.responsePayload, in: Self.tag) }
        return try Payload(ttlv: payloadItem)
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.operation, operation)
        children.append(.uniqueBatchItemID, uniqueBatchItemID)
        children.append(TTLVItem(.resultStatus, resultStatus))
        children.append(.resultReason, resultReason)
        children.append(.resultMessage, resultMessage)
        children.append(.asynchronousCorrelationValue, asynchronousCorrelationValue)
        if let payloadItem { children.append(payloadItem) }
        if let messageExtension { children.append(messageExtension) }
        return .structure(Self.tag, children)
    }
}
