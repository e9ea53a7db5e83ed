import TTLV

/// RNG Retrieve (KMIP 1.4 §4.35): random bytes from the server's generator (KMIP 1.3).
public struct RNGRetrieveRequest: KMIPRequestPayload {
    public static let operation = Operation.rngRetrieve

    /// How many bytes.
    public var dataLength: Int32

    public init(dataLength: Int32) {
        self.dataLength = dataLength
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.dataLength = try reader.require(.dataLength)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [TTLVItem(.dataLength, dataLength)])
    }
}

/// The random bytes.
public struct RNGRetrieveResponse: KMIPResponsePayload {
    public static let operation = Operation.rngRetrieve

    public var data: [UInt8]

    public init(data: [UInt8]) {
        self.data = data
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.data = try reader.require(.data)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [TTLVItem(.data, data)])
    }
}
