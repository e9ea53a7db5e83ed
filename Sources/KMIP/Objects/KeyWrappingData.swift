import TTLV

/// Key Wrapping Data (KMIP 1.4 §2.1.5): how the Key Value of a Key Block was wrapped.
public struct KeyWrappingData: KMIPStructure {
    public static let tag = Tag.keyWrappingData

    public var wrappingMethod: WrappingMethod
    public var encryptionKeyInformation: EncryptionKeyInformation?
    /// Kept as received.
    public var macSignatureKeyInformation: TTLVItem?
    public var macSignature: [UInt8]?
    public var ivCounterNonce: [UInt8]?
    /// KMIP 1.1; absent means the wrapped value is the TTLV-encoded Key Value.
    public var encodingOption: EncodingOption?

    public init(
        wrappingMethod: WrappingMethod, encryptionKeyInformation: EncryptionKeyInformation? = nil,
        macSignatureKeyInformation: TTLVItem? = nil, macSignature: [UInt8]? = nil, ivCounterNonce: [UInt8]? = nil,
        encodingOption: EncodingOption? = nil
    ) {
        self.wrappingMethod = wrappingMethod
        self.encryptionKeyInformation = encryptionKeyInformation
        self.macSignatureKeyInformation = macSignatureKeyInformation
        self.macSignature = macSignature
        self.ivCounterNonce = ivCounterNonce
        self.encodingOption = encodingOption
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.wrappingMethod = try reader.require(.wrappingMethod)
        self.encryptionKeyInformation = try reader.optionalItem(.encryptionKeyInformation).map(EncryptionKeyInformation.init(ttlv:))
        self.macSignatureKeyInformation = reader.optionalItem(.macSignatureKeyInformation)
        self.macSignature = try reader.optional(.macSignature)
        self.ivCounterNonce = try reader.optional(.ivCounterNonce)
        self.encodingOption = try reader.optional(.encodingOption)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.wrappingMethod, wrappingMethod)]
        children.append(encryptionKeyInformation, version: version)
        if let macSignatureKeyInformation { children.append(macSignatureKeyInformation) }
        children.append(.macSignature, macSignature)
        children.append(.ivCounterNonce, ivCounterNonce)
        if version >= .v1_1 { children.append(.encodingOption, encodingOption) }
        return .structure(Self.tag, children)
    }
}
