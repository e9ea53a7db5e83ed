import TTLV

/// The Cryptographic Parameters attribute: how a key is meant to be used (mode, padding, hash…).
///
/// Every field is optional; the fields added after 1.0 are kept when present and written only to
/// versions that define them.
public struct CryptographicParameters: KMIPStructure {
    public static let tag = Tag.cryptographicParameters

    public var blockCipherMode: BlockCipherMode?
    public var paddingMethod: PaddingMethod?
    public var hashingAlgorithm: HashingAlgorithm?
    public var keyRoleType: KeyRoleType?
    /// Fields defined from KMIP 1.2 on (Digital Signature Algorithm, IV length, tag length…), kept verbatim.
    public var laterFields: [TTLVItem]

    public init(
        blockCipherMode: BlockCipherMode? = nil, paddingMethod: PaddingMethod? = nil,
        hashingAlgorithm: HashingAlgorithm? = nil, keyRoleType: KeyRoleType? = nil, laterFields: [TTLVItem] = []
    ) {
        self.blockCipherMode = blockCipherMode
        self.paddingMethod = paddingMethod
        self.hashingAlgorithm = hashingAlgorithm
        self.keyRoleType = keyRoleType
        self.laterFields = laterFields
    }

    static let laterTags: Set<Tag> = [
        .digitalSignatureAlgorithm, .cryptographicAlgorithm, .randomIV, .ivLength, .tagLength,
        .fixedFieldLength, .invocationFieldLength, .counterLength, .initialCounterValue, .saltLength,
        .maskGenerator, .maskGeneratorHashingAlgorithm, .pSource, .trailerField,
    ]

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.blockCipherMode = try reader.optional(.blockCipherMode)
        self.paddingMethod = try reader.optional(.paddingMethod)
        self.hashingAlgorithm = try reader.optional(.hashingAlgorithm)
        self.keyRoleType = try reader.optional(.keyRoleType)
        self.laterFields = reader.takeAll { Self.laterTags.contains($0.tag) }
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.blockCipherMode, blockCipherMode)
        children.append(.paddingMethod, paddingMethod)
        children.append(.hashingAlgorithm, hashingAlgorithm)
        children.append(.keyRoleType, keyRoleType)
        if version >= .v1_2 {
            children.append(contentsOf: laterFields)
        }
        return .structure(.cryptographicParameters, children)
    }
}
