import TTLV

/// The Key Block of a key object (KMIP 1.4 §2.1.3): format, the key value, and what it is for.
public struct KeyBlock: KMIPStructure {
    public static let tag = Tag.keyBlock

    public var keyFormatType: KeyFormatType
    public var keyCompressionType: KeyCompressionType?
    public var keyValue: KeyValue
    public var cryptographicAlgorithm: CryptographicAlgorithm?
    public var cryptographicLength: Int32?
    /// Present when the key value is wrapped: by which key, and how.
    public var keyWrappingData: KeyWrappingData?

    public init(
        keyFormatType: KeyFormatType, keyCompressionType: KeyCompressionType? = nil, keyValue: KeyValue,
        cryptographicAlgorithm: CryptographicAlgorithm?, cryptographicLength: Int32?, keyWrappingData: KeyWrappingData? = nil
    ) {
        self.keyFormatType = keyFormatType
        self.keyCompressionType = keyCompressionType
        self.keyValue = keyValue
        self.cryptographicAlgorithm = cryptographicAlgorithm
        self.cryptographicLength = cryptographicLength
        self.keyWrappingData = keyWrappingData
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.keyFormatType = try reader.require(.keyFormatType)
        self.keyCompressionType = try reader.optional(.keyCompressionType)
        let valueItem = try reader.requireItem(.keyValue)
        self.cryptographicAlgorithm = try reader.optional(.cryptographicAlgorithm)
        self.cryptographicLength = try reader.optional(.cryptographicLength)
        self.keyWrappingData = try reader.optionalItem(.keyWrappingData).map(KeyWrappingData.init(ttlv:))
        try reader.finish()
        self.keyValue = try KeyValue(ttlv: valueItem, format: keyFormatType, wrapped: keyWrappingData != nil)
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.keyFormatType, keyFormatType)]
        children.append(.keyCompressionType, keyCompressionType)
        children.append(keyValue.ttlv(version: version))
        children.append(.cryptographicAlgorithm, cryptographicAlgorithm)
        children.append(.cryptographicLength, cryptographicLength)
        children.append(keyWrappingData, version: version)
        return .structure(Self.tag, children)
    }
}
