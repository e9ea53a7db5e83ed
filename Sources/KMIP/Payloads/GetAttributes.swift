import TTLV

/// Get Attributes (KMIP 1.4 §4.12): the named attributes of an object, or all of them when no
/// name is given. A named attribute the object lacks is simply absent from the answer.
public struct GetAttributesRequest: KMIPRequestPayload {
    public static let operation = Operation.getAttributes

    public var uniqueIdentifier: String?
    public var attributeNames: [String]

    public init(uniqueIdentifier: String? = nil, attributeNames: [String] = []) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attributeNames = attributeNames
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.optional(.uniqueIdentifier)
        self.attributeNames = try reader.repeated(.attributeName)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.uniqueIdentifier, uniqueIdentifier)
        children += attributeNames.map { TTLVItem(.attributeName, $0) }
        return .structure(Self.tag, children)
    }
}

/// The attributes found.
public struct GetAttributesResponse: KMIPResponsePayload {
    public static let operation = Operation.getAttributes

    public var uniqueIdentifier: String
    public var attributes: [Attribute]

    public init(uniqueIdentifier: String, attributes: [Attribute]) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attributes = attributes
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.attributes = try reader.repeated(.attribute)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [TTLVItem(.uniqueIdentifier, uniqueIdentifier)] + attributes.map { $0.ttlv(version: version) })
    }
}
