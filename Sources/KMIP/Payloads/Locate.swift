import TTLV

/// Locate (KMIP 1.4 §4.9): the identifiers of objects whose attributes match every attribute
/// given. Offset Items (KMIP 1.3) skips that many matches; Maximum Items caps the answer.
public struct LocateRequest: KMIPRequestPayload {
    public static let operation = Operation.locate

    public var maximumItems: Int32?
    /// KMIP 1.3 and later.
    public var offsetItems: Int32?
    public var storageStatusMask: StorageStatusMask?
    /// KMIP 1.1 and later.
    public var objectGroupMember: ObjectGroupMember?
    public var attributes: [Attribute]

    public init(
        maximumItems: Int32? = nil, offsetItems: Int32? = nil, storageStatusMask: StorageStatusMask? = nil,
        objectGroupMember: ObjectGroupMember? = nil, attributes: [Attribute] = []
    ) {
        self.maximumItems = maximumItems
        self.offsetItems = offsetItems
        self.storageStatusMask = storageStatusMask
        self.objectGroupMember = objectGroupMember
        self.attributes = attributes
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.maximumItems = try reader.optional(.maximumItems)
        self.offsetItems = try reader.optional(.offsetItems)
        self.storageStatusMask = try reader.optional(.storageStatusMask)
        self.objectGroupMember = try reader.optional(.objectGroupMember)
        self.attributes = try reader.repeated(.attribute)
        try reader.finish()
        if let maximumItems, maximumItems < 0 {
            throw KMIPDecodingError.invalid(.maximumItems, "must not be negative (got \(maximumItems))")
        }
        if let offsetItems, offsetItems < 0 {
            throw KMIPDecodingError.invalid(.offsetItems, "must not be negative (got \(offsetItems))")
        }
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.maximumItems, maximumItems)
        if version >= .v1_3 {
            children.append(.offsetItems, offsetItems)
        }
        children.append(.storageStatusMask, storageStatusMask)
        if version >= .v1_1 {
            children.append(.objectGroupMember, objectGroupMember)
        }
        children += attributes.map { $0.ttlv(version: version) }
        return .structure(Self.tag, children)
    }
}

/// The matching identifiers, and (KMIP 1.3) how many matched in all.
public struct LocateResponse: KMIPResponsePayload {
    public static let operation = Operation.locate

    public var locatedItems: Int32?
    public var uniqueIdentifiers: [String]

    public init(locatedItems: Int32? = nil, uniqueIdentifiers: [String]) {
        self.locatedItems = locatedItems
        self.uniqueIdentifiers = uniqueIdentifiers
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.locatedItems = try reader.optional(.locatedItems)
        self.uniqueIdentifiers = try reader.repeated(.uniqueIdentifier)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        if version >= .v1_3 {
            children.append(.locatedItems, locatedItems)
        }
        children += uniqueIdentifiers.map { TTLVItem(.uniqueIdentifier, $0) }
        return .structure(Self.tag, children)
    }
}
