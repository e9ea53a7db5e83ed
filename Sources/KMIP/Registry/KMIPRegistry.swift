import TTLV

/// Names for tags and enumeration values: what turns a TTLV tree into something a person reads.
public enum KMIPRegistry {
    /// The KMIP XML name of a standard tag (`UniqueIdentifier`), or `nil` for an unknown tag.
    public static func name(of tag: Tag) -> String? {
        KMIPTagNames.byTag[tag.rawValue]
    }

    /// The tag with this name; accepts `UniqueIdentifier`, `Unique Identifier` or `0x420094`.
    public static func tag(named name: String) -> Tag? {
        if let value = parseHexadecimal(name) { return Tag(value) }
        return tagsByNormalizedName[normalizedKMIPName(name)]
    }

    /// The name of an Enumeration value of `tag`, when the tag has a known enumeration.
    public static func enumerationName(_ value: UInt32, of tag: Tag) -> String? {
        KMIPEnumerationNames.byTag[tag.rawValue]?[value]
    }

    /// The value of an enumeration name of `tag` (`SymmetricKey` for Object Type), or a hex literal.
    public static func enumerationValue(named name: String, of tag: Tag) -> UInt32? {
        if let value = parseHexadecimal(name) { return value }
        let key = normalizedKMIPName(name)
        return KMIPEnumerationNames.byTag[tag.rawValue]?.first { normalizedKMIPName($0.value) == key }?.key
    }

    /// The value of an Enumeration name of the attribute called `attributeName` (for Attribute Value items).
    public static func enumerationValue(named name: String, ofAttribute attributeName: String) -> UInt32? {
        guard let tag = tag(named: attributeName) else { return nil }
        return enumerationValue(named: name, of: tag)
    }

    /// The name of an Enumeration value carried as the value of the attribute `attributeName`.
    public static func enumerationName(_ value: UInt32, ofAttribute attributeName: String) -> String? {
        guard let tag = tag(named: attributeName) else { return nil }
        return enumerationName(value, of: tag)
    }

    private static let tagsByNormalizedName: [String: Tag] = {
        var table: [String: Tag] = [:]
        for (value, name) in KMIPTagNames.byTag {
            table[normalizedKMIPName(name)] = Tag(value)
        }
        return table
    }()
}
