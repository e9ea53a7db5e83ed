import TTLV

/// MAC Verify (KMIP 1.4 §4.34): the server checks a MAC of the Data with a managed key (KMIP 1.2).
public struct MACVerifyRequest: KMIPRequestPayload {
    public static let operation = Operation.macVerify

    /// Absent: the ID Placeholder left by an earlier item of the same batch.
    public var uniqueIdentifier: String?
    /// Absent: the key's own Cryptographic Parameters.
    public var cryptographicParameters: CryptographicParameters?
    /// The authenticated data; optional on the wire only because a streaming part may carry none.
    public var data: [UInt8]?
    /// The MAC to check; optional on the wire only because a streaming part may carry none.
    public var macData: [UInt8]?
    /// KMIP 1.3.
    public var correlationValue: [UInt8]?
    /// KMIP 1.3.
    public var initIndicator: Bool?
    /// KMIP 1.3.
    public var finalIndicator: Bool?

    public init(
        uniqueIdentifier: String? = nil, cryptographicParameters: CryptographicParameters? = nil, data: [UInt8]? = nil,
        macData: [UInt8]? = nil, correlationValue: [UInt8]? = nil, initIndicator: Bool? = nil,
        finalIndicator: Bool? = nil
    ) {
        self.uniqueIdentifier = uniqueIdentifier
        self.cryptographicParameters = cryptographicParameters
        self.data = data
        self.macData = macData
        self.correlationValue = correlationValue
        self.initIndicator = initIndicator
        self.finalIndicator = finalIndicator
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.optional(.uniqueIdentifier)
        self.cryptographicParameters = try reader.optional(.cryptographicParameters)
        self.data = try reader.optional(.data)
        self.macData = try reader.optional(.macData)
        self.correlationValue = try reader.optional(.correlationValue)
        self.initIndicator = try reader.optional(.initIndicator)
        self.finalIndicator = try reader.optional(.finalIndicator)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.uniqueIdentifier, uniqueIdentifier)
        children.append(cryptographicParameters, version: version)
        children.append(.data, data)
        children.append(.macData, macData)
        if version >= .v1_3 {
            children.append(.correlationValue, correlationValue)
            children.append(.initIndicator, initIndicator)
            children.append(.finalIndicator, finalIndicator)
        }
        return .structure(Self.tag, children)
    }
}

/// Whether the MAC is valid. A MAC that does not match is a successful operation with Validity
/// Indicator Invalid, not a failure.
public struct MACVerifyResponse: KMIPResponsePayload {
    public static let operation = Operation.macVerify

    public var uniqueIdentifier: String
    public var validityIndicator: ValidityIndicator
    /// KMIP 1.3.
    public var correlationValue: [UInt8]?

    public init(uniqueIdentifier: String, validityIndicator: ValidityIndicator, correlationValue: [UInt8]? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
        self.validityIndicator = validityIndicator
        self.correlationValue = correlationValue
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.validityIndicator = try reader.require(.validityIndicator)
        self.correlationValue = try reader.optional(.correlationValue)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.uniqueIdentifier, uniqueIdentifier), TTLVItem(.validityIndicator, validityIndicator)]
        if version >= .v1_3 {
            children.append(.correlationValue, correlationValue)
        }
        return .structure(Self.tag, children)
    }
}
