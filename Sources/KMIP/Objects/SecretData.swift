import TTLV

/// A Secret Data managed object (KMIP 1.4 §2.2.7): a password or seed kept by the server, in a
/// Key Block whose Key Format Type is Opaque.
public struct SecretData: KMIPStructure {
    public static let tag = Tag.secretData

    public var secretDataType: SecretDataType
    public var keyBlock: KeyBlock

    public init(secretDataType: SecretDataType, keyBlock: KeyBlock) {
        self.secretDataType = secretDataType
        self.keyBlock = keyBlock
    }

    /// The secret as clear bytes in an Opaque key block, with no algorithm or length: a password
    /// or seed is not a key of any algorithm.
    public init(_ type: SecretDataType, bytes: [UInt8]) {
        self.init(
            secretDataType: type,
            keyBlock: KeyBlock(
                keyFormatType: .opaque, keyValue: .material(bytes, attributes: []), cryptographicAlgorithm: nil,
                cryptographicLength: nil
            )
        )
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.secretDataType = try reader.require(.secretDataType)
        self.keyBlock = try reader.require(.keyBlock)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [TTLVItem(.secretDataType, secretDataType), keyBlock.ttlv(version: version)])
    }
}
