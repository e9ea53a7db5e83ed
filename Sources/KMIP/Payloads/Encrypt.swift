import TTLV

/// Encrypt (KMIP 1.4 §4.29): the server encrypts the Data with a managed key.
///
/// The Cryptographic Parameters may be left out when the key carries its own; the IV/Counter/Nonce
/// may be left out when they ask for a Random IV, which then comes back in the response. The
/// streaming fields (Correlation Value, Init and Final Indicator) are KMIP 1.3; the additional
/// authenticated data is KMIP 1.4. Encrypt itself is KMIP 1.2.
public struct EncryptRequest: KMIPRequestPayload {
    public static let operation = Operation.encrypt

    /// Absent: the ID Placeholder left by an earlier item of the same batch.
    public var uniqueIdentifier: String?
    /// Absent: the key's own Cryptographic Parameters.
    public var cryptographicParameters: CryptographicParameters?
    /// The plaintext; optional on the wire only because a streaming part may carry none.
    public var data: [UInt8]?
    public var ivCounterNonce: [UInt8]?
    /// KMIP 1.3: names a streaming operation the server started.
    public var correlationValue: [UInt8]?
    /// KMIP 1.3: true on the first part of a streaming operation.
    public var initIndicator: Bool?
    /// KMIP 1.3: true on the last part of a streaming operation.
    public var finalIndicator: Bool?
    /// KMIP 1.4: data authenticated but not encrypted (GCM's AAD).
    public var authenticatedEncryptionAdditionalData: [UInt8]?

    public init(
        uniqueIdentifier: String? = nil, cryptographicParameters: CryptographicParameters? = nil, data: [UInt8]? = nil,
        ivCounterNonce: [UInt8]? = nil, correlationValue: [UInt8]? = nil, initIndicator: Bool? = nil,
        finalIndicator: Bool? = nil, authenticatedEncryptionAdditionalData: [UInt8]? = nil
    ) {
        self.uniqueIdentifier = uniqueIdentifier
        self.cryptographicParameters = cryptographicParameters
        self.data = data
        self.ivCounterNonce = ivCounterNonce
        self.correlationValue = correlationValue
        self.initIndicator = initIndicator
        self.finalIndicator = finalIndicator
        self.authenticatedEncryptionAdditionalData = authenticatedEncryptionAdditionalData
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
        }
        return .structure(Self.tag, children)
    }
}

/// The ciphertext, and what the client needs to decrypt it: the IV the server generated (Random
/// IV) and the authentication tag (GCM).
public struct EncryptResponse: KMIPResponsePayload {
    public static let operation = Operation.encrypt

    public var uniqueIdentifier: String
    /// The ciphertext; absent only from a streaming part that produced none.
    public var data: [UInt8]?
    /// The IV the server generated when asked for a Random IV.
    public var ivCounterNonce: [UInt8]?
    /// KMIP 1.3.
    public var correlationValue: [UInt8]?
    /// KMIP 1.4: the tag Decrypt will need (authenticated encryption modes).
    public var authenticatedEncryptionTag: [UInt8]?

    public init(
        uniqueIdentifier: String, data: [UInt8]? = nil, ivCounterNonce: [UInt8]? = nil,
        correlationValue: [UInt8]? = nil, authenticatedEncryptionTag: [UInt8]? = nil
    ) {
        self.uniqueIdentifier = uniqueIdentifier
        self.data = data
        self.ivCounterNonce = ivCounterNonce
        self.correlationValue = correlationValue
        self.authenticatedEncryptionTag = authenticatedEncryptionTag
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.data = try reader.optional(.data)
        self.ivCounterNonce = try reader.optional(.ivCounterNonce)
        self.correlationValue = try reader.optional(.correlationValue)
        self.authenticatedEncryptionTag = try reader.optional(.authenticatedEncryptionTag)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.uniqueIdentifier, uniqueIdentifier)]
        children.append(.data, data)
        children.append(.ivCounterNonce, ivCounterNonce)
        if version >= .v1_3 {
            children.append(.correlationValue, correlationValue)
        }
        if version >= .v1_4 {
            children.append(.authenticatedEncryptionTag, authenticatedEncryptionTag)
        }
        return .structure(Self.tag, children)
    }
}
