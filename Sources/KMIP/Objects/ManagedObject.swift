import TTLV

/// The object carried by Register and Get: a Symmetric Key, Secret Data or an Opaque Object, or
/// any other object type kept as its item so a server can refuse it precisely.
public enum ManagedObject: Hashable, Sendable {
    case symmetricKey(SymmetricKeyObject)
    case secretData(SecretData)
    case opaqueObject(OpaqueObject)
    case other(TTLVItem)

    /// The tags of the managed object structures KMIP 1.x defines.
    static let objectTags: [Tag] = [
        .certificate, .symmetricKey, .publicKey, .privateKey, .splitKey, .template, .secretData, .opaqueObject,
        .pgpKey,
    ]

    init(ttlv item: TTLVItem) throws {
        switch item.tag {
        case .symmetricKey: self = .symmetricKey(try SymmetricKeyObject(ttlv: item))
        case .secretData: self = .secretData(try SecretData(ttlv: item))
        case .opaqueObject: self = .opaqueObject(try OpaqueObject(ttlv: item))
        default: self = .other(item)
        }
    }

    func ttlv(version: ProtocolVersion) -> TTLVItem {
        switch self {
        case .symmetricKey(let key): key.ttlv(version: version)
        case .secretData(let secret): secret.ttlv(version: version)
        case .opaqueObject(let object): object.ttlv(version: version)
        case .other(let item): item
        }
    }

    /// The Object Type this object is, for checking it against the payload's Object Type field;
    /// `nil` for an object kept as its item whose tag names no type this build models.
    public var objectType: ObjectType? {
        switch self {
        case .symmetricKey: .symmetricKey
        case .secretData: .secretData
        case .opaqueObject: .opaqueObject
        case .other(let item): Self.objectTypes[item.tag]
        }
    }

    private static let objectTypes: [Tag: ObjectType] = [
        .certificate: .certificate, .publicKey: .publicKey, .privateKey: .privateKey, .splitKey: .splitKey,
        .template: .template, .pgpKey: .pgpKey,
    ]

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
