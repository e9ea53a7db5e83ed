import TTLV

/// The Cryptographic Parameters attribute (KMIP 1.4 §3.6): how a key is meant to be used (mode,
/// padding, hash, IV and tag lengths…), and the same structure in a cryptographic request.
///
/// Every field is optional. KMIP 1.0 defines the first four; 1.2 adds Digital Signature
/// Algorithm through Initial Counter Value; 1.4 adds Salt Length through Trailer Field. A field
/// is read whatever the message's version and written only to versions that define it.
public struct CryptographicParameters: KMIPStructure {
    public static let tag = Tag.cryptographicParameters

    public var blockCipherMode: BlockCipherMode?
    public var paddingMethod: PaddingMethod?
    public var hashingAlgorithm: HashingAlgorithm?
    public var keyRoleType: KeyRoleType?
    /// KMIP 1.2.
    public var digitalSignatureAlgorithm: DigitalSignatureAlgorithm?
    /// KMIP 1.2: the algorithm the parameters are for (AES, HMAC-SHA256…).
    public var cryptographicAlgorithm: CryptographicAlgorithm?
    /// KMIP 1.2: true asks the server to generate the IV and return it with the result.
    public var randomIV: Bool?
    /// KMIP 1.2: IV length in bits.
    public var ivLength: Int32?
    /// KMIP 1.2: authentication tag length in bytes (GCM, CCM).
    public var tagLength: Int32?
    /// KMIP 1.2: bits of the IV that are a fixed field (SP 800-38D deterministic construction).
    public var fixedFieldLength: Int32?
    /// KMIP 1.2: bits of the IV that are an invocation field.
    public var invocationFieldLength: Int32?
    /// KMIP 1.2: bits of the counter block that count (CTR).
    public var counterLength: Int32?
    /// KMIP 1.2: the counter's starting value (CTR; RFC 3686 starts at 1).
    public var initialCounterValue: Int32?
    /// KMIP 1.4: PSS salt length in bytes.
    public var saltLength: Int32?
    /// KMIP 1.4: the mask generation function (OAEP, PSS).
    public var maskGenerator: MaskGenerator?
    /// KMIP 1.4: the hash of the mask generation function.
    public var maskGeneratorHashingAlgorithm: HashingAlgorithm?
    /// KMIP 1.4: the OAEP encoding parameter (label).
    public var pSource: [UInt8]?
    /// KMIP 1.4: the PSS trailer field.
    public var trailerField: Int32?

    public init(
        blockCipherMode: BlockCipherMode? = nil, paddingMethod: PaddingMethod? = nil,
        hashingAlgorithm: HashingAlgorithm? = nil, keyRoleType: KeyRoleType? = nil,
        digitalSignatureAlgorithm: DigitalSignatureAlgorithm? = nil,
        cryptographicAlgorithm: CryptographicAlgorithm? = nil, randomIV: Bool? = nil, ivLength: Int32? = nil,
        tagLength: Int32? = nil, fixedFieldLength: Int32? = nil, invocationFieldLength: Int32? = nil,
        counterLength: Int32? = nil, initialCounterValue: Int32? = nil, saltLength: Int32? = nil,
        maskGenerator: MaskGenerator? = nil, maskGeneratorHashingAlgorithm: HashingAlgorithm? = nil,
        pSource: [UInt8]? = nil, trailerField: Int32? = nil
    ) {
        self.blockCipherMode = blockCipherMode
        self.paddingMethod = paddingMethod
        self.hashingAlgorithm = hashingAlgorithm
        self.keyRoleType = keyRoleType
        self.digitalSignatureAlgorithm = digitalSignatureAlgorithm
        self.cryptographicAlgorithm = cryptographicAlgorithm
        self.randomIV = randomIV
        self.ivLength = ivLength
        self.tagLength = tagLength
        self.fixedFieldLength = fixedFieldLength
        self.invocationFieldLength = invocationFieldLength
        self.counterLength = counterLength
        self.initialCounterValue = initialCounterValue
        self.saltLength = saltLength
        self.maskGenerator = maskGenerator
        self.maskGeneratorHashingAlgorithm = maskGeneratorHashingAlgorithm
        self.pSource = pSource
        self.trailerField = trailerField
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.blockCipherMode = try reader.optional(.blockCipherMode)
        self.paddingMethod = try reader.optional(.paddingMethod)
        self.hashingAlgorithm = try reader.optional(.hashingAlgorithm)
        self.keyRoleType = try reader.optional(.keyRoleType)
        self.digitalSignatureAlgorithm = try reader.optional(.digitalSignatureAlgorithm)
        self.cryptographicAlgorithm = try reader.optional(.cryptographicAlgorithm)
        self.randomIV = try reader.optional(.randomIV)
        self.ivLength = try reader.optional(.ivLength)
        self.tagLength = try reader.optional(.tagLength)
        self.fixedFieldLength = try reader.optional(.fixedFieldLength)
        self.invocationFieldLength = try reader.optional(.invocationFieldLength)
        self.counterLength = try reader.optional(.counterLength)
        self.initialCounterValue = try reader.optional(.initialCounterValue)
        self.saltLength = try reader.optional(.saltLength)
        self.maskGenerator = try reader.optional(.maskGenerator)
        self.maskGeneratorHashingAlgorithm = try reader.optional(.maskGeneratorHashingAlgorithm)
        self.pSource = try reader.optional(.pSource)
        self.trailerField = try reader.optional(.trailerField)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.blockCipherMode, blockCipherMode)
        children.append(.paddingMethod, paddingMethod)
        children.append(.hashingAlgorithm, hashingAlgorithm)
        children.append(.keyRoleType, keyRoleType)
        if version >= .v1_2 {
            children.append(.digitalSignatureAlgorithm, digitalSignatureAlgorithm)
            children.append(.cryptographicAlgorithm, cryptographicAlgorithm)
            children.append(.randomIV, randomIV)
            children.append(.ivLength, ivLength)
            children.append(.tagLength, tagLength)
            children.append(.fixedFieldLength, fixedFieldLength)
            children.append(.invocationFieldLength, invocationFieldLength)
            children.append(.counterLength, counterLength)
            children.append(.initialCounterValue, initialCounterValue)
        }
        if version >= .v1_4 {
            children.append(.saltLength, saltLength)
            children.append(.maskGenerator, maskGenerator)
            children.append(.maskGeneratorHashingAlgorithm, maskGeneratorHashingAlgorithm)
            children.append(.pSource, pSource)
            children.append(.trailerField, trailerField)
        }
        return .structure(Self.tag, children)
    }
}
