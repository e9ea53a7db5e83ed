import TTLV

/// A Symmetric Key managed object (tag SymmetricKey): one Key Block. Named apart from swift-crypto's
/// `SymmetricKey`, which every file holding key material also imports.
public struct SymmetricKeyObject: KMIPStructure {
    public static let tag = Tag.symmetricKey

    public var keyBlock: KeyBlock

    public init(keyBlock: KeyBlock) {
        self.keyBlock = keyBlock
    }

    /// A symmetric key in Raw format (or Transparent Symmetric Key when `transparent`).
    public init(raw bytes: [UInt8], algorithm: CryptographicAlgorithm, transparent: Bool = false) {
        self.keyBlock = KeyBlock(
            keyFormatType: transparent ? .transparentSymmetricKey : .raw,
            keyValue: transparent ? .transparentSymmetricKey(bytes, attributes: []) : .material(bytes, attributes: []),
            cryptographicAlgorithm: algorithm,
            cryptographicLength: Int32(bytes.count * 8)
        )
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.keyBlock = try reader.require(.keyBlock)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [keyBlock.ttlv(version: version)])
    }
}
