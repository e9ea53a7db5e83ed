import TTLV

/// The attributes a client supplies with Create or Register (KMIP 1.x Template-Attribute), and
/// the attributes a server reports it set implicitly.
public struct TemplateAttribute: KMIPStructure {
    public static let tag = Tag.templateAttribute

    /// Names of server-side Template objects to draw attributes from (deprecated in KMIP 1.3).
    public var templateNames: [Name]
    public var attributes: [Attribute]

    public init(templateNames: [Name] = [], attributes: [Attribute] = []) {
        self.templateNames = templateNames
        self.attributes = attributes
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.templateNames = try reader.repeated(.name)
        self.attributes = try reader.repeated(.attribute)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, templateNames.map { $0.ttlv(version: version) } + attributes.map { $0.ttlv(version: version) })
    }
}
