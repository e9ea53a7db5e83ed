import TTLV

/// Get Attribute List (KMIP 1.4 §4.13): the names of the attributes an object has.
public struct GetAttributeListRequest: KMIPRequestPayload {
    public static let operation = Operation.getAttributeList

    public var uniqueIdentifier: String?

    public init(uniqueIdentifier: String? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
    }

    public init(ttlv item: TTLVItem) throws {
        self.uniqueIdentifier = try decodeIdentifierOnly(item, tag: Self.tag)
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        identifierOnlyItem(Self.tag, uniqueIdentifier)
    }
}

/// The attribute names, one per name (not per instance).
public struct GetAttributeListResponse: KMIPResponsePayload {
    public static let operation = Operation.getAttributeList

    public var uniqueIdentifier: String
    public var attributeNames: [String]

    public init(uniqueIdentifier: String, attributeNames: [String]) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attributeNames = attributeNames
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.attributeNames = try reader.repeated(.attributeName)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [TTLVItem(.uniqueIdentifier, uniqueIdentifier)] + attributeNames.map { TTLVItem(.attributeName, $0) })
    }
}
