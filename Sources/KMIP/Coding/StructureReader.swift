import TTLV

/// Reads the fields of one structure, in any order, and rejects what is left over.
///
/// The specification fixes field order, but clients in the field do not all follow it; reading
/// by tag accepts any order while ``finish()`` still refuses unknown or duplicated fields.
/// Vendor extension fields (tags 0x54xxxx) are ignored, as the specification allows.
struct StructureReader {
    let tag: Tag
    private let children: [TTLVItem]
    private var consumed: [Bool]

    init(_ item: TTLVItem, expecting tag: Tag) throws {
        guard item.tag == tag else {
            throw KMIPDecodingError(
                code: .wrongTag, tag: item.tag,
                reason: "expected \(KMIPRegistry.displayName(of: tag)), found \(KMIPRegistry.displayName(of: item.tag))"
            )
        }
        guard case .structure(let children) = item.value else { throw item.wrongType(.structure) }
        self.tag = tag
        self.children = children
        self.consumed = Array(repeating: false, count: children.count)
    }

    /// Whether any unread field has `tag`.
    func contains(_ tag: Tag) -> Bool {
        children.indices.contains { !consumed[$0] && children[$0].tag == tag }
    }

    /// The next unread field with `tag`, as an item.
    mutating func optionalItem(_ tag: Tag) -> TTLVItem? {
        guard let index = children.indices.first(where: { !consumed[$0] && children[$0].tag == tag }) else {
            return nil
        }
        consumed[index] = true
        return children[index]
    }

    mutating func requireItem(_ tag: Tag) throws -> TTLVItem {
        guard let item = optionalItem(tag) else { throw KMIPDecodingError.missing(tag, in: self.tag) }
        return item
    }

    mutating func optional<T: TTLVDecodable>(_ tag: Tag, as type: T.Type = T.self) throws -> T? {
        guard let item = optionalItem(tag) else { return nil }
        return try T(ttlv: item)
    }

    mutating func require<T: TTLVDecodable>(_ tag: Tag, as type: T.Type = T.self) throws -> T {
        try T(ttlv: requireItem(tag))
    }

    /// Every unread field with `tag`, in wire order.
    mutating func repeated<T: TTLVDecodable>(_ tag: Tag, as type: T.Type = T.self) throws -> [T] {
        var values: [T] = []
        for index in children.indices where !consumed[index] && children[index].tag == tag {
            consumed[index] = true
            values.append(try T(ttlv: children[index]))
        }
        return values
    }

    /// Every unread field that satisfies `predicate`, in wire order.
    mutating func takeAll(where predicate: (TTLVItem) -> Bool) -> [TTLVItem] {
        var items: [TTLVItem] = []
        for index in children.indices where !consumed[index] && predicate(children[index]) {
            consumed[index] = true
            items.append(children[index])
        }
        return items
    }

    /// Every unread field, whatever its tag (for structures whose content is free-form).
    mutating func remaining() -> [TTLVItem] {
        var items: [TTLVItem] = []
        for index in children.indices where !consumed[index] {
            consumed[index] = true
            items.append(children[index])
        }
        return items
    }

    /// Throws if a field other than a vendor extension was left unread.
    func finish() throws {
        for index in children.indices where !consumed[index] && !children[index].tag.isExtension {
            let child = children[index]
            throw KMIPDecodingError(
                code: .unexpectedField, tag: child.tag,
                reason: "\(KMIPRegistry.displayName(of: tag)) does not take "
                    + (children[..<index].contains { $0.tag == child.tag } ? "another " : "a ")
                    + KMIPRegistry.displayName(of: child.tag)
            )
        }
    }
}

extension Array where Element == TTLVItem {
    /// Appends `scalar` as an item with `tag` when it is present.
    mutating func append(_ tag: Tag, _ scalar: (some TTLVScalar)?) {
        if let scalar { append(TTLVItem(tag, scalar)) }
    }

    /// Appends the structure when it is present.
    mutating func append(_ structure: (some KMIPStructure)?, version: ProtocolVersion) {
        if let structure { append(structure.ttlv(version: version)) }
    }
}
