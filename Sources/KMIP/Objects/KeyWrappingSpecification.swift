import TTLV

/// Key Wrapping Specification (KMIP 1.4 §2.1.6): how a client asks Get to wrap the key it returns.
public struct KeyWrappingSpecification: KMIPStructure {
    public static let tag = Tag.keyWrappingSpecification

    public var wrappingMethod: WrappingMethod
    public var encryptionKeyInformation: EncryptionKeyInformation?
    /// The MAC or signing key; kept as received (only encryption is offered).
    public var macSignatureKeyInformation: TTLVItem?
    /// Attributes to wrap with the key material (TTLV encoding only).
    public var attributeNames: [String]
    /// KMIP 1.1: whether the wrapped value is the TTLV-encoded Key Value (absent or TTLV Encoding)
    /// or the bare key material (No Encoding).
    public var encodingOption: EncodingOption?

    public init(
        wrappingMethod: WrappingMethod, encryptionKeyInformation: EncryptionKeyInformation? = nil,
        macSignatureKeyInformation: TTLVItem? = nil, attributeNames: [String] = [], encodingOption: EncodingOption? = nil
    ) {
        self.wrappingMethod = wrappingMethod
        self.encryptionKeyInformation = encryptionKeyInformation
        self.macSignatureKeyInformation = macSignatureKeyInformation
        self.attributeNames = attributeNames
        self.encodingOption = encodingOption
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.wrappingMethod = try reader.require(.wrappingMethod)
        self.encryptionKeyInformation = try reader.optionalItem(.encryptionKeyInformation).map(EncryptionKeyInformation.init(ttlv:))
        self.macSignatureKeyInformation = reader.optionalItem(.macSignatureKeyInformation)
        self.attributeNames = try reader.repeated(.attributeName)
        self.encodingOption = try reader.optional(.encodingOption)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.wrappingMethod, wrappingMethod)]
        children.append(encryptionKeyInformation, version: version)
        if let macSignatureKeyInformation { children.append(macSignatureKeyInformation) }
        for name in attributeNames { children.append(TTLVItem(.attributeName, name)) }
        if version >= .v1_1 { children.append(.encodingOption, encodingOption) }
        return .structure(Self.tag, children)
    }
}
