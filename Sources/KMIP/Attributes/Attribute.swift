import TTLV

/// One KMIP attribute instance: a name, an optional index among instances of the same name,
/// and a value whose item type depends on the attribute (a structure for Name, an Enumeration
/// for State, anything for a custom `x-` attribute).
public struct Attribute: KMIPStructure {
    public static let tag = Tag.attribute

    public var name: String
    /// The instance index; `nil` when the message omitted it (which means index 0).
    public var index: Int32?
    public var value: TTLVValue

    public init(name: String, index: Int32? = nil, value: TTLVValue) {
        self.name = name
        self.index = index
        self.value = value
    }

    public init(name: AttributeName, index: Int32? = nil, value: TTLVValue) {
        self.init(name: name.rawValue, index: index, value: value)
    }

    /// An attribute whose value is a scalar (`Attribute(.cryptographicLength, 256 as Int32)`).
    public init(_ name: AttributeName, _ scalar: some TTLVScalar, index: Int32? = nil) {
        self.init(name: name.rawValue, index: index, value: scalar.ttlvValue)
    }

    /// An attribute whose value is a structure such as ``Name`` or ``Link``.
    public init(_ name: AttributeName, _ structure: some KMIPStructure, index: Int32? = nil) {
        self.init(name: name.rawValue, index: index, value: structure.ttlv(version: .v1_4).value)
    }

    public init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: Self.tag)
        let name: String = try reader.require(.attributeName)
        guard !name.isEmpty else { throw KMIPDecodingError.invalid(.attributeName, "must not be empty") }
        let index: Int32? = try reader.optional(.attributeIndex)
        if let index, index < 0 {
            throw KMIPDecodingError.invalid(.attributeIndex, "must not be negative (got \(index))")
        }
        let valueItem = try reader.requireItem(.attributeValue)
        try reader.finish()
        if let rule = AttributeRule.named(name), !rule.itemTypes.contains(valueItem.itemType) {
            throw KMIPDecodingError(
                code: .wrongType, tag: .attributeValue,
                reason: "the value of \(name) must be \(rule.itemTypes.map { $0.name.withArticle }.joined(separator: " or ")), "
                    + "not \(valueItem.itemType.name.withArticle)"
            )
        }
        self.init(name: name, index: index, value: valueItem.value)
        try validateStructuredValue()
    }

    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        var children: [TTLVItem] = [TTLVItem(.attributeName, .textString(name))]
        children.append(.attributeIndex, index)
        children.append(TTLVItem(.attributeValue, value))
        return .structure(.attribute, children)
    }

    /// The value as an item tagged Attribute Value, ready for a typed decoder.
    public var valueItem: TTLVItem {
        TTLVItem(.attributeValue, value)
    }

    /// The value decoded as `T` (`attribute.decodedValue(as: Name.self)`).
    public func decodedValue<T: TTLVDecodable>(as type: T.Type = T.self) throws -> T {
        if let structure = T.self as? any KMIPStructure.Type, case .structure = value {
            return try structure.init(ttlv: TTLVItem(structure.tag, value)) as! T
        }
        return try T(ttlv: valueItem)
    }

    /// Whether this is a custom attribute (`x-` client-defined, `y-` server-defined).
    public var isCustom: Bool {
        name.hasPrefix("x-") || name.hasPrefix("y-")
    }

    // Structured standard attributes are decoded once so a malformed Name or Link is refused at
    // the door, not when it is later served back.
    private func validateStructuredValue() throws {
        guard case .structure = value, let known = AttributeRule.named(name)?.name else { return }
        switch known {
        case .name: _ = try decodedValue(as: Name.self)
        case .link: _ = try decodedValue(as: Link.self)
        case .revocationReason: _ = try decodedValue(as: RevocationReason.self)
        case .digest: _ = try decodedValue(as: Digest.self)
        case .cryptographicParameters: _ = try decodedValue(as: CryptographicParameters.self)
        case .applicationSpecificInformation: _ = try decodedValue(as: ApplicationSpecificInformation.self)
        default: break
        }
    }
}

extension Attribute {
    /// The index an instance really has: an omitted index means 0 in every 1.x version.
    public var effectiveIndex: Int32 { index ?? 0 }

    /// The attribute as a server writes it in a response: index 0 left out, later instances
    /// numbered. Every 1.x version reads an absent index as 0, and the KMIP 1.4 test cases show
    /// responses written this way.
    public var responseForm: Attribute {
        var copy = self
        copy.index = effectiveIndex == 0 ? nil : effectiveIndex
        return copy
    }
}
