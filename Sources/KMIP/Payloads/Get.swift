import TTLV

/// Get (KMIP 1.4 §4.11): the object with its key material, in the format the client asks for.
public struct GetRequest: KMIPRequestPayload {
    public static let operation = Operation.get

    /// Absent: the ID Placeholder left by an earlier item of the same batch.
    public var uniqueIdentifier: String?
    public var keyFormatType: KeyFormatType?
    public var keyCompressionType: KeyCompressionType?
    /// Asks for the key wrapped (encrypted) by another key.
    public var keyWrappingSpecification: KeyWrappingSpecification?
    /// KMIP 1.4.
    public var keyWrapType: KeyWrapType?

    public init(
        uniqueIdentifier: String? = nil, keyFormatType: KeyFormatType? = nil,
        keyCompressionType: KeyCompressionType? = nil, keyWrappingSpecification: KeyWrappingSpecification? = nil,
        keyWrapType: KeyWrapType? = nil
    ) {
        self.uniqueIdentifier = uniqueIdentifier
        self.keyFormatType = keyFormatType
        self.keyCompressionType = keyCompressionType
        self.keyWrappingSpecification = keyWrappingSpecification
        self.keyWrapType = keyWrapType
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.optional(.uniqueIdentifier)
        self.keyFormatType = try reader.optional(.keyFormatType)
        self.keyWrapType = try reader.optional(.keyWrapType)
        self.keyCompressionType = try reader.optional(.keyCompressionType)
        self.keyWrappingSpecification = try reader.optionalItem(.keyWrappingSpecification).map(KeyWrappingSpecification.init(ttlv:))
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.uniqueIdentifier, uniqueIdentifier)
        children.append(.keyFormatType, keyFormatType)
        if version >= .v1_4 {
            children.append(.keyWrapType, keyWrapType)
        }
        children.append(.keyCompressionType, keyCompressionType)
        children.append(keyWrappingSpecification, version: version)
        return .structure(Self.tag, children)
    }
}

/// The object itself.
public struct GetResponse: KMIPResponsePayload {
    public static let operation = Operation.get

    public var objectType: ObjectType
    public var uniqueIdentifier: String
    public var object: ManagedObject

    public init(objectType: ObjectType, uniqueIdentifier: String, object: ManagedObject) {
        self.objectType = objectType
        self.uniqueIdentifier = uniqueIdentifier
        self.object = object
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.objectType = try reader.require(.objectType)
        self.uniqueIdentifier = try reader.require(.uniqueIdentifier)
        self.object = try ManagedObject.read(from: &reader)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        .structure(Self.tag, [
            TTLVItem(.objectType, objectType), TTLVItem(.uniqueIdentifier, uniqueIdentifier),
            object.ttlv(version: version),
        ])
    }
}
