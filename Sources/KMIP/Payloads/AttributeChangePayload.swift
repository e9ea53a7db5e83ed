import TTLV

/// The shape shared by Add Attribute and Modify Attribute, requests and responses alike: an
/// object identifier and one attribute.
public protocol AttributeChangePayload: KMIPStructure {
    var uniqueIdentifier: String? { get }
    var attribute: Attribute { get }
    init(uniqueIdentifier: String?, attribute: Attribute)
}

extension AttributeChangePayload {
    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        let identifier: String? = try reader.optional(.uniqueIdentifier)
        let attribute: Attribute = try reader.require(.attribute)
        try reader.finish()
        self.init(uniqueIdentifier: identifier, attribute: attribute)
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.uniqueIdentifier, uniqueIdentifier)
        children.append(attribute.ttlv(version: version))
        return .structure(Self.tag, children)
    }
}
