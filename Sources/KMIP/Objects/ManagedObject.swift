import TTLV

/// The object carried by Register and Get: a Symmetric Key, or any other object type kept as
/// its item so a server can refuse it precisely.
public enum ManagedObject: Hashable, Sendable {
    case symmetricKey(SymmetricKeyObject)
    case other(TTLVItem)

    /// The tags of the managed object structures KMIP 1.x defines.
    static let objectTags: [Tag] = [
        .certificate, .symmetricKey, .publicKey, .privateKey, .splitKey, .template, .secretData, .opaqueObject,
        .pgpKey,
    ]

    init(ttlv item: TTLVItem) throws {
        if item.tag == .symmetricKey {
            self = .symmetricKey(try SymmetricKeyObject(ttlv: item))
        } else {
            self = .other(item)
        }
    }

    func ttlv(version: ProtocolVersion) -> TTLVItem {
        switch self {
        case .symmetricKey(let key): key.ttlv(version: version)
        case .other(let item): item
        }
    }

    /// Reads the one managed object a payload carries, whatever its tag.
    static func read(from reader: inout StructureReader) throws -> ManagedObject {
        for tag in objectTags {
            if let item = reader.optionalItem(tag) {
                return try ManagedObject(ttlv: item)
            }
        }
        throw KMIPDecodingError(
            code: .missingField, tag: .symmetricKey,
            reason: "\(KMIPRegistry.displayName(of: reader.tag)) lacks the managed object (for example a SymmetricKey)"
        )
    }
}
