import TTLV

/// Re-key (KMIP 1.4 §4.4): the server generates a replacement for an existing symmetric key,
/// copying its attributes, moving its names, and linking the two (Replacement Object, Replaced
/// Object).
public struct ReKeyRequest: KMIPRequestPayload {
    public static let operation = Operation.rekey

    /// Absent: the ID Placeholder left by an earlier item of the same batch.
    public var uniqueIdentifier: String?
    /// Seconds from the replacement's Initial Date to its Activation Date (an Interval). Absent,
    /// the existing key's dates are copied.
    public var offset: UInt32?
    /// Attributes to set on the replacement key.
    public var templateAttribute: TemplateAttribute?

    public init(uniqueIdentifier: String? = nil, offset: UInt32? = nil, templateAttribute: TemplateAttribute? = nil) {
        self.uniqueIdentifier = uniqueIdentifier
        self.offset = offset
        self.templateAttribute = templateAttribute
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        self.uniqueIdentifier = try reader.optional(.uniqueIdentifier)
        self.offset = try reader.optionalItem(.offset).map { item in
            guard case .interval(let seconds) = item.value else { throw item.wrongType(.interval) }
            return seconds
        }
        self.templateAttribute = try reader.optional(.templateAttribute)
        try reader.finish()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = []
        children.append(.uniqueIdentifier, uniqueIdentifier)
        if let offset { children.append(TTLVItem(.offset, .interval(offset))) }
        children.append(templateAttribute, version: version)
        return .structure(Self.tag, children)
    }
}

/// The replacement key's identifier, and any attributes the server set that the client did not
/// ask for.
public struct ReKeyResponse: KMIPResponsePayload {
    public static let operation = Operation.rekey

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
