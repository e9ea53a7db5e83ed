import TTLV

/// Delete Attribute (KMIP 1.4 §4.16): removes one instance of an attribute.
public struct DeleteAttributeRequest: KMIPRequestPayload {
    public static let operation = Operation.deleteAttribute

    public var uniqueIdentifier: String?
    public var attributeName: String
    /// Absent means index 0.
    public var attributeIndex: Int32?

    public init(uniqueIdentifier: String? = nil, attributeName: String, attributeIndex: Int32? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attributeName = attributeName
        self.attributeIndex = attributeIndex
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.optional(.uniqueIdentifier)
        self.attributeName = try reader.require(.attributeName)
        self.attributeIndex = try reader.optional(.attributeIndex)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.uniqueIdentifier, uniqueIdentifier)
        children.append(TTLVItem(.attributeName, attributeName))
        children.append(.attributeIndex, attributeIndex)
        return .structure(Self.tag, children)
    }
}

/// The deleted attribute instance.
public struct DeleteAttributeResponse: KMIPResponsePayload, AttributeChangePayload {
    public static let operation = Operation.deleteAttribute

    public var uniqueIdentifier: String?
    public var attribute: Attribute

    public init(uniqueIdentifier: String?, attribute: Attribute) {
        self.uniqueIdentifier = uniqueIdentifier
        self.attribute = attribute
    }
}
