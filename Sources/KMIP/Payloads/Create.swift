import TTLV

/// Create (KMIP 1.4 §4.1): the server generates a new managed object (here, a symmetric key)
/// with the attributes the client supplies.
public struct CreateRequest: KMIPRequestPayload {
    public static let operation = Operation.create

    public var objectType: ObjectType
    public var templateAttribute: TemplateAttribute

    public init(objectType: ObjectType, templateAttribute: TemplateAttribute) {
        self.objectType = objectType
        self.templateAttribute = templateAttribute
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.objectType = try reader.require(.objectType)
        self.templateAttribute = try reader.require(.templateAttribute)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [TTLVItem(.objectType, objectType), templateAttribute.ttlv(version: version)])
    }
}

/// The new object's identifier, and any attributes the server set that the client did not ask for.
public struct CreateResponse: KMIPResponsePayload {
    public static let operation = Operation.create

    public var objectType: ObjectType
    public var uniqueIdentifier: String
    public var templateAttribute: TemplateAttribute?

    public init(objectType: ObjectType, uniqueIdentifier: String, templateAttribute: TemplateAttribute? = nil) {
        self.objectType = objectType
        self.uniqueIdentifier = uniqueIdentifier
        self.templateAttribute = templateAttribute
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.objectType = try reader.require(.objectType)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.templateAttribute = try reader.optional(.templateAttribute)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.objectType, objectType), TTLVItem(.uniqueIdentifier, uniqueIdentifier)]
        children.append(templateAttribute, version: version)
        return .structure(Self.tag, children)
    }
}
