import TTLV

/// The Digest attribute: a hash of the object's key material in a named key format.
public struct Digest: KMIPStructure {
    public static let tag = Tag.digest

    public var hashingAlgorithm: HashingAlgorithm
    /// Optional from KMIP 1.1 on: a server may omit it when it cannot compute the digest.
    public var digestValue: [UInt8]?
    public var keyFormatType: KeyFormatType?

    public init(hashingAlgorithm: HashingAlgorithm, digestValue: [UInt8]?, keyFormatType: KeyFormatType? = nil) {
        self.hashingAlgorithm = hashingAlgorithm
        self.digestValue = digestValue
        self.keyFormatType = keyFormatType
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.hashingAlgorithm = try reader.require(.hashingAlgorithm)
        self.digestValue = try reader.optional(.digestValue)
        self.keyFormatType = try reader.optional(.keyFormatType)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.hashingAlgorithm, hashingAlgorithm)]
        // KMIP 1.0 requires a Digest Value; an empty one stands in for an unknown digest there.
        if let digestValue {
            children.append(TTLVItem(.digestValue, digestValue))
        } else if version < .v1_1 {
            children.append(TTLVItem(.digestValue, [UInt8]()))
        }
        if version >= .v1_1 {
            children.append(.keyFormatType, keyFormatType)
        }
        return .structure(.digest, children)
    }
}
