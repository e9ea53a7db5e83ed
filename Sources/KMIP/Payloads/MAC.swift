import TTLV

/// MAC (KMIP 1.4 §4.33): the server computes a MAC of the Data with a managed key (KMIP 1.2).
public struct MACRequest: KMIPRequestPayload {
    public static let operation = Operation.mac

    /// Absent: the ID Placeholder left by an earlier item of the same batch.
    public var uniqueIdentifier: String?
    /// Absent: the key's own Cryptographic Parameters.
    public var cryptographicParameters: CryptographicParameters?
    /// The data to authenticate; optional on the wire only because a streaming part may carry none.
    public var data: [UInt8]?
    /// KMIP 1.3.
    public var correlationValue: [UInt8]?
    /// KMIP 1.3.
    public var initIndicator: Bool?
    /// KMIP 1.3.
    public var finalIndicator: Bool?

    public init(
        uniqueIdentifier: String? = nil, cryptographicParameters: CryptographicParameters? = nil, data: [UInt8]? = nil,
        correlationValue: [UInt8]? = nil, initIndicator: Bool? = nil, finalIndicator: Bool? = nil
    ) {
        self.uniqueIdentifier = uniqueIdentifier
        self.cryptographicParameters = cryptographicParameters
        self.data = data
        self.correlationValue = correlationValue
        self.initIndicator = initIndicator
        self.finalIndicator = finalIndicator
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.optional(.uniqueIdentifier)
        self.cryptographicParameters = try reader.optional(.cryptographicParameters)
        self.data = try reader.optional(.data)
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
        if version >= .v1_3 {
            children.append(.correlationValue, correlationValue)
            children.append(.initIndicator, initIndicator)
            children.append(.finalIndicator, finalIndicator)
        }
        return .structure(Self.tag, children)
    }
}

/// The MAC.
public struct MACResponse: KMIPResponsePayload {
    public static let operation = Operation.mac

    public var uniqueIdentifier: String
    /// Absent only from a streaming part before the last.
    public var macData: [UInt8]?
    /// KMIP 1.3.
    public var correlationValue: [UInt8]?

    public init(uniqueIdentifier: String, macData: [UInt8]? = nil, correlationValue: [UInt8]? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
        self.macData = macData
        self.correlationValue = correlationValue
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.macData = try reader.optional(.macData)
        self.correlationValue = try reader.optional(.correlationValue)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.uniqueIdentifier, uniqueIdentifier)]
        children.append(.macData, macData)
        if version >= .v1_3 {
            children.append(.correlationValue, correlationValue)
        }
        return .structure(Self.tag, children)
    }
}
