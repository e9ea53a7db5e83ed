import NIOCore
import TTLV

/// A KMIP response: a header and one batch item per answered request item.
public struct ResponseMessage: KMIPStructure {
    public static let tag = Tag.responseMessage

    public var header: ResponseHeader
    public var batchItems: [ResponseBatchItem]

    public init(header: ResponseHeader, batchItems: [ResponseBatchItem]) {
        self.header = header
        self.batchItems = batchItems
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.header = try reader.require(.responseHeader)
        self.batchItems = try reader.repeated(.batchItem)
        try reader.finish()
        guard header.batchCount == Int32(batchItems.count) else {
            throw KMIPDecodingError(
                code: .invalidValue, tag: .batchCount,
                reason: "Batch Count is \(header.batchCount) but the message holds \(batchItems.count) batch items"
            )
        }
    }

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
}
