import TTLV

/// The Key Value of a Key Block: the key material plus attributes bound to it, or — when the
/// block is wrapped — one opaque byte string.
public enum KeyValue: Hashable, Sendable {
    /// Key material in a raw-like format (Raw, Opaque, PKCS…): one byte string.
    case material([UInt8], attributes: [Attribute])
    /// A Transparent Symmetric Key: the key bytes inside a Key structure.
    case transparentSymmetricKey([UInt8], attributes: [Attribute])
    /// A wrapped (encrypted) key value.
    case wrapped([UInt8])

    /// The clear key bytes, when the value is not wrapped.
    public var keyBytes: [UInt8]? {
        switch self {
        case .material(let bytes, _), .transparentSymmetricKey(let bytes, _): bytes
        case .wrapped: nil
        }
    }

    init(ttlv item: TTLVItem, format: KeyFormatType, wrapped: Bool) throws {
        if case .byteString(let bytes) = item.value {
            // KMIP lets a wrapped Key Value be a bare byte string.
            self = .wrapped(bytes)
            return
        }
        var reader = try StructureReader(item, expecting: .keyValue)
        let materialItem = try reader.requireItem(.keyMaterial)
        let attributes: [Attribute] = try reader.repeated(.attribute)
        try reader.finish()
        switch materialItem.value {
        case .byteString(let bytes):
            self = .material(bytes, attributes: attributes)
        case .structure where format == .transparentSymmetricKey:
            var material = try StructureReader(materialItem, expecting: .keyMaterial)
            let key: [UInt8] = try material.require(.key)
            try material.finish()
            self = .transparentSymmetricKey(key, attributes: attributes)
        default:
            throw KMIPDecodingError(
                code: .wrongType, tag: .keyMaterial,
                reason: "Key Material in \(format) format must be a ByteString"
                    + (format == .transparentSymmetricKey ? " or a Key structure" : "")
            )
        }
    }

    /// The Key Value item; wrapping with the TTLV encoding option encrypts its encoding.
    public func ttlv(version: ProtocolVersion) -> TTLVItem {
        switch self {
        case .material(let bytes, let attributes):
            return .structure(.keyValue, [TTLVItem(.keyMaterial, bytes)] + attributes.map { $0.ttlv(version: version) })
        case .transparentSymmetricKey(let bytes, let attributes):
            let material = TTLVItem.structure(.keyMaterial, [TTLVItem(.key, bytes)])
            return .structure(.keyValue, [material] + attributes.map { $0.ttlv(version: version) })
        case .wrapped(let bytes):
            return TTLVItem(.keyValue, .byteString(bytes))
        }
    }
}
