import TTLV

/// One operation of a request message.
///
/// The payload stays an item until ``payload()`` is called, so that a malformed payload fails
/// only its own batch item (Invalid Field) instead of the whole message.
public struct RequestBatchItem: KMIPStructure {
    public static let tag = Tag.batchItem

    public var operation: Operation
    /// Echoed in the matching response batch item; required when a batch has several items.
    public var uniqueBatchItemID: [UInt8]?
    public var payloadItem: TTLVItem
    public var messageExtension: TTLVItem?

    public init(operation: Operation, uniqueBatchItemID: [UInt8]? = nil, payloadItem: TTLVItem, messageExtension: TTLVItem? = nil) {
        self.operation = operation
        self.uniqueBatchItemID = uniqueBatchItemID
        self.payloadItem = payloadItem
        self.messageExtension = messageExtension
    }

    public init(_ payload: RequestPayload, uniqueBatchItemID: [UInt8]? = nil, version: ProtocolVersion = .v1_4) {
        self.init(operation: payload.operation, uniqueBatchItemID: uniqueBatchItemID, payloadItem: payload.ttlv(version: version))
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.operation = try reader.require(.operation)
        self.uniqueBatchItemID = try reader.optional(.uniqueBatchItemID)
        self.payloadItem = try reader.requireItem(.requestPayload)
        guard payloadItem.itemType == .structure else { throw payloadItem.wrongType(.structure) }
        self.messageExtension = reader.optionalItem(.messageExtension)
        try reader.finish()
    }

    /// The payload decoded for ``operation``.
    public func payload() throws -> RequestPayload {
        try RequestPayload(operation: operation, ttlv: payloadItem)
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.operation, operation)]
        children.append(.uniqueBatchItemID, uniqueBatchItemID)
        children.append(payloadItem)
        if let messageExtension { children.append(messageExtension) }
        return .structure(Self.tag, children)
    }
}
