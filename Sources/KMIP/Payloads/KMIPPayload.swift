import TTLV

/// The Request Payload of one operation.
public protocol KMIPRequestPayload: KMIPStructure {
    static var operation: Operation { get }
}

/// The Response Payload of one operation.
public protocol KMIPResponsePayload: KMIPStructure {
    static var operation: Operation { get }
}

extension KMIPRequestPayload {
    public static var tag: Tag { .requestPayload }
}

extension KMIPResponsePayload {
    public static var tag: Tag { .responsePayload }
}

/// Reads the one optional Unique Identifier a payload like Activate's request carries.
func decodeIdentifierOnly(_ item: TTLVItem, tag: Tag) throws -> String? {
    var reader = try StructureReader(item, expecting: tag)
    let identifier: String? = try reader.optional(.uniqueIdentifier)
    try reader.finish()
    return identifier
}

func identifierOnlyItem(_ tag: Tag, _ identifier: String?) -> TTLVItem {
    var children: [TTLVItem] = []
    children.append(.uniqueIdentifier, identifier)
    return .structure(tag, children)
}
