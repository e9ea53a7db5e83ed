import TTLV

/// Encryption Key Information (KMIP 1.4 §2.1.5): which key wraps a Key Value, and how.
public struct EncryptionKeyInformation: KMIPStructure {
    public static let tag = Tag.encryptionKeyInformation

    /// The wrapping key.
    public var uniqueIdentifier: String
    /// How to use it; absent, the wrapping key's own Cryptographic Parameters apply.
    public var cryptographicParameters: CryptographicParameters?

    public init(uniqueIdentifier: String, cryptographicParameters: CryptographicParameters? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
        self.cryptographicParameters = cryptographicParameters
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.cryptographicParameters = try reader.optionalItem(.cryptographicParameters).map(CryptographicParameters.init(ttlv:))
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.uniqueIdentifier, uniqueIdentifier)]
        children.append(cryptographicParameters, version: version)
        return .structure(Self.tag, children)
    }
}
