import TTLV

/// The Link attribute: a typed reference from one managed object to another.
public struct Link: KMIPStructure {
    public static let tag = Tag.link

    public var type: LinkType
    public var linkedObjectIdentifier: String

    public init(type: LinkType, linkedObjectIdentifier: String) {
        self.type = type
        self.linkedObjectIdentifier = linkedObjectIdentifier
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.type = try reader.require(.linkType)
        self.linkedObjectIdentifier = try reader.require(.linkedObjectIdentifier)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(.link, [TTLVItem(.linkType, type), TTLVItem(.linkedObjectIdentifier, linkedObjectIdentifier)])
    }
}
