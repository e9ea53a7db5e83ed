import NIOCore
import TTLV

/// A KMIP request: a header and one or more batch items.
public struct RequestMessage: KMIPStructure {
    public static let tag = Tag.requestMessage

    public var header: RequestHeader
    public var batchItems: [RequestBatchItem]

    public init(header: RequestHeader, batchItems: [RequestBatchItem]) {
        self.header = header
        self.batchItems = batchItems
    }

    /// A request of `version` with these payloads, numbered with one-byte batch item IDs when
    /// there are several.
    public init(version: ProtocolVersion, payloads: [any KMIPRequestPayload], authentication: Authentication? = nil) {
        let numbered = payloads.count > 1
        self.header = RequestHeader(protocolVersion: version, authentication: authentication, batchCount: Int32(payloads.count))
        self.batchItems = payloads.enumerated().map { index, payload in
            RequestBatchItem(payload, uniqueBatchItemID: numbered ? [UInt8(truncatingIfNeeded: index + 1)] : nil, version: version)
        }
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.header = try reader.require(.requestHeader)
        self.batchItems = try reader.repeated(.batchItem)
        try reader.finish()
        guard !batchItems.isEmpty else { throw KMIPDecodingError.missing(.batchItem, in: Self.tag) }
        guard header.batchCount == Int32(batchItems.count) else {
            throw KMIPDecodingError(
                code: .invalidValue, tag: .batchCount,
                reason: "Batch Count is \(header.batchCount) but the message holds \(batchItems.count) batch items"
            )
        }
    }

    /// Decodes a whole TTLV message.
    public init(bytes buffer: ByteBuffer, decoder: TTLVDecoder = TTLVDecoder()) throws {
        try self.init(ttlv: decoder.decode(buffer))
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [header.ttlv(version: version)] + batchItems.map { $0.ttlv(version: version) })
    }

    /// The message encoded for the version its header names.
    public func encoded() -> ByteBuffer {
        ttlv(version: header.protocolVersion).encoded()
    }

    /// The Protocol Version of a request whose body may be broken, so that even an Invalid
    /// Message answer speaks the client's version.
    public static func protocolVersion(of item: TTLVItem) -> ProtocolVersion? {
        guard item.tag == .requestMessage,
            let header = item.child(.requestHeader),
            let version = header.child(.protocolVersion)
        else { return nil }
        return try? ProtocolVersion(ttlv: version)
    }
}
