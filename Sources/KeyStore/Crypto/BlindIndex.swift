import Crypto
import KMIP
import TTLV

/// Keyed blind index of attribute values: `HMAC-SHA256(indexKey, adapterID ‖ name ‖ 0 ‖ value)`
/// truncated to 16 bytes, stored beside the object id in an indexed table.
///
/// Locate by Name (or by any indexed attribute) computes the tag and reads the matching rows:
/// no object is unsealed. Someone holding the files learns which objects of one adapter share a
/// value, and how many values each object has; nothing across adapters, nothing of the values.
struct BlindIndex: Sendable {
    private let key: SymmetricKey

    init(key: SymmetricKey) {
        self.key = key
    }

    /// The tag of one attribute value within `adapterID`, or `nil` for attributes that are not
    /// indexed (they are either clear columns or rarely searched for equality).
    func tag(adapterID: Int64, attribute: Attribute) -> [UInt8]? {
        guard let canonical = Self.canonicalValue(attribute) else { return nil }
        var input: [UInt8] = []
        withUnsafeBytes(of: adapterID.bigEndian) { input += $0 }
        input += Array(attribute.name.utf8)
        input.append(0)
        input += canonical
        return Array(HMAC<SHA256>.authenticationCode(for: input, using: key).prefix(16))
    }

    static let unindexed: Set<String> = [
        AttributeName.revocationReason.rawValue, AttributeName.randomNumberGenerator.rawValue,
        AttributeName.originalCreationDate.rawValue,
    ]

    /// The bytes that identify a value: a Name's text (its Name Type does not matter for a
    /// match, as in most KMIP servers), otherwise the TTLV encoding of the value. Matching is
    /// exact: no case folding or Unicode normalisation, as KMIP compares values byte for byte.
    static func canonicalValue(_ attribute: Attribute) -> [UInt8]? {
        if attribute.name == AttributeName.name.rawValue {
            guard let name = try? attribute.decodedValue(as: Name.self) else { return nil }
            return Array(name.value.utf8)
        }
        // Set by the server, never searched for by equality; a Locate naming them is refused.
        if Self.unindexed.contains(attribute.name) { return nil }
        return TTLVItem(.attributeValue, attribute.value).encodedBytes
    }
}
