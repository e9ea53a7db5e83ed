import TTLV

/// Register (KMIP 1.4 §4.3): the client supplies an object (a symmetric key's material) for the
/// server to manage.
public struct RegisterRequest: KMIPRequestPayload {
    public static let operation = Operation.register

    public var objectType: ObjectType
    public var templateAttribute: TemplateAttribute
    public var object: ManagedObject

    public init(objectType: ObjectType, templateAttribute: TemplateAttribute, object: ManagedObject) {
        self.objectType = objectType
        self.templateAttribute = templateAttribute
        self.object = object
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.objectType = try reader.require(.objectType)
        self.templateAttribute = try reader.require(.templateAttribute)
        self.object = try ManagedObject.read(from: &reader)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [
            TTLVItem(.objectType, objectType), templateAttribute.ttlv(version: version), object.ttlv(version: version),
        ])
    }
}

/// The registered object's identifier and any attributes the server set implicitly.
public struct RegisterResponse: KMIPResponsePayload {
    public static let operation = Operation.register

    public var uniqueIdentifier: String
    public var templateAttribute: TemplateAttribute?

    public init(uniqueIdentifier: String, templateAttribute: TemplateAttribute? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
        self.templateAttribute = templateAttribute
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.templateAttribute = try reader.optional(.templateAttribute)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children = [TTLVItem(.uniqueIdentifier, uniqueIdentifier)]
        children.append(templateAttribute, version: version)
        return .structure(Self.tag, children)
    }
}
