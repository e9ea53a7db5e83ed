import TTLV

/// One operation of a request message.
///
/// The payload stays an item until ``payload(as:)`` is called, so that a malformed payload fails
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

    /// An item for `payload`, encoded for `version`.
    public init<Payload: KMIPRequestPayload>(_ payload: Payload, uniqueBatchItemID: [UInt8]? = nil, version: ProtocolVersion = .v1_4) {
        self.init(operation: Payload.operation, uniqueBatchItemID: uniqueBatchItemID, payloadItem: payload.ttlv(version: version))
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

    /// The payload decoded as `Payload`, which must be the payload of ``operation``.
    ///
    /// The caller names the type: a server finds it by operation in its registry of handlers, a
    /// client or a test knows what it reads, so no table of every payload type lives here.
    public func payload<Payload: KMIPRequestPayload>(as type: Payload.Type = Payload.self) throws -> Payload {
        guard operation == Payload.operation else {
            throw KMIPDecodingError.invalid(.operation, "the batch item is a \(operation) request, not a \(Payload.operation) one")
        }
        return try Payload(ttlv: payloadItem)
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.operation, operation)]
        children.append(.uniqueBatchItemID, uniqueBatchItemID)
        children.append(payloadItem)
        if let messageExtension { children.append(messageExtension) }
        return .structure(Self.tag, children)
    }
}
