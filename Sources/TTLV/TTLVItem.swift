/// One TTLV item: a tag and its typed value. Structures hold their children in wire order.
public struct TTLVItem: Hashable, Sendable {
    public var tag: Tag
    public var value: TTLVValue

    public init(_ tag: Tag, _ value: TTLVValue) {
        self.tag = tag
        self.value = value
    }

    /// A structure item built from its children.
    public static func structure(_ tag: Tag, _ children: [TTLVItem]) -> TTLVItem {
        TTLVItem(tag, .structure(children))
    }

    public var itemType: ItemType { value.itemType }

    /// The children of a structure, or an empty list for any other type.
    public var children: [TTLVItem] {
        if case .structure(let children) = value { return children }
        return []
    }

    /// The first child with `tag`.
    public func child(_ tag: Tag) -> TTLVItem? {
        children.first { $0.tag == tag }
    }

    /// Every child with `tag`, in wire order.
    public func children(_ tag: Tag) -> [TTLVItem] {
        children.filter { $0.tag == tag }
    }

    /// The number of bytes this item occupies on the wire, header and padding included.
    public var encodedLength: Int {
        8 + TTLVItem.paddedLength(valueLength)
    }

    /// The length field of this item: the value's length before padding.
    public var valueLength: Int {
        switch value {
        case .structure(let children): children.reduce(0) { $0 + $1.encodedLength }
        case .integer, .enumeration, .interval: 4
        case .longInteger, .boolean, .dateTime: 8
        case .bigInteger(let bytes): bytes.count
        case .textString(let string): string.utf8.count
        case .byteString(let bytes): bytes.count
        }
    }

    static func paddedLength(_ length: Int) -> Int {
        (length + 7) & ~7
    }
}
