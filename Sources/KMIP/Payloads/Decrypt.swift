import TTLV

/// Decrypt (KMIP 1.4 §4.30): the server decrypts the Data with a managed key.
///
/// As Encrypt, with the authentication tag of an authenticated encryption mode (KMIP 1.4) in
/// place of a Random IV: the client always sends the IV/Counter/Nonce the mode needs.
public struct DecryptRequest: KMIPRequestPayload {
    public static let operation = Operation.decrypt

    /// Absent: the ID Placeholder left by an earlier item of the same batch.
    public var uniqueIdentifier: String?
    /// Absent: the key's own Cryptographic Parameters.
    public var cryptographicParameters: CryptographicParameters?
    /// The ciphertext; optional on the wire only because a streaming part may carry none.
    public var data: [UInt8]?
    public var ivCounterNonce: [UInt8]?
    /// KMIP 1.3.
    public var correlationValue: [UInt8]?
    /// KMIP 1.3.
    public var initIndicator: Bool?
    /// KMIP 1.3.
    public var finalIndicator: Bool?
    /// KMIP 1.4: the additional data the ciphertext was authenticated with (GCM's AAD).
    public var authenticatedEncryptionAdditionalData: [UInt8]?
    /// KMIP 1.4: the tag Encrypt returned.
    public var authenticatedEncryptionTag: [UInt8]?

    public init(
        uniqueIdentifier: String? = nil, cryptographicParameters: CryptographicParameters? = nil, data: [UInt8]? = nil,
        ivCounterNonce: [UInt8]? = nil, correlationValue: [UInt8]? = nil, initIndicator: Bool? = nil,
        finalIndicator: Bool? = nil, authenticatedEncryptionAdditionalData: [UInt8]? = nil,
        authenticatedEncryptionTag: [UInt8]? = nil
    ) {
        self.uniqueIdentifier = uniqueIdentifier
        self.cryptographicParameters = cryptographicParameters
        self.data = data
        self.ivCounterNonce = ivCounterNonce
        self.correlationValue = correlationValue
        self.initIndicator = initIndicator
        self.finalIndicator = finalIndicator
        self.authenticatedEncryptionAdditionalData = authenticatedEncryptionAdditionalData
        self.authenticatedEncryptionTag = authenticatedEncryptionTag
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.optional(.uniqueIdentifier)
        self.cryptographicParameters = try reader.optional(.cryptographicParameters)
        self.data = try reader.optional(.data)
        self.ivCounterNonce = try reader.optional(.ivCounterNonce)
        self.correlationValue = try reader.optional(.correlationValue)
        self.initIndicator = try reader.optional(.initIndicator)
        self.finalIndicator = try reader.optional(.finalIndicator)
        self.authenticatedEncryptionAdditionalData = try reader.optional(.authenticatedEncryptionAdditionalData)
        self.authenticatedEncryptionTag = try reader.optional(.authenticatedEncryptionTag)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.uniqueIdentifier, uniqueIdentifier)
        children.append(cryptographicParameters, version: version)
        children.append(.data, data)
        children.append(.ivCounterNonce, ivCounterNonce)
        if version >= .v1_3 {
            children.append(.correlationValue, correlationValue)
            children.append(.initIndicator, initIndicator)
            children.append(.finalIndicator, finalIndicator)
        }
        if version >= .v1_4 {
            children.append(.authenticatedEncryptionAdditionalData, authenticatedEncryptionAdditionalData)
            children.append(.authenticatedEncryptionTag, authenticatedEncryptionTag)
        }
        return .structure(Self.tag, children)
    }
}

/// The plaintext.
public struct DecryptResponse: KMIPResponsePayload {
    public static let operation = Operation.decrypt

    public var uniqueIdentifier: String
    /// The plaintext; absent only from a streaming part that produced none.
    public var data: [UInt8]?
    /// KMIP 1.3.
    public var correlationValue: [UInt8]?

    public init(uniqueIdentifier: String, data: [UInt8]? = nil, correlationValue: [UInt8]? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
        self.data = data
        self.correlationValue = correlationValue
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.data = try reader.optional(.data)
        self.correlationValue = try reader.optional(.correlationValue)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.uniqueIdentifier, uniqueIdentifier)]
        children.append(.data, data)
        if version >= .v1_3 {
            children.append(.correlationValue, correlationValue)
        }
        return .structure(Self.tag, children)
    }
}
