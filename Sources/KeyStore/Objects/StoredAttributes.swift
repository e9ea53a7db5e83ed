import KMIP
import TTLV

/// The split between clear lifecycle columns and the sealed attribute list, and the sealed
/// list's plaintext form: the TTLV encoding of a Template-Attribute structure of Attribute items
/// (the project's one encoding of attributes; no second format).
struct StoredAttributes: Sendable {
    var cryptographicAlgorithm: CryptographicAlgorithm?
    var cryptographicLength: Int32?
    var cryptographicUsageMask: CryptographicUsageMask?
    var activationDate: Int64?
    var deactivationDate: Int64?
    /// Everything else, sealed.
    var sealed: [Attribute]

    /// Attributes kept in clear columns (or derived), never in the sealed list: the object's
    /// identity, the algorithm columns a Locate filters by, its state and lifecycle dates, and
    /// the export policy every key shares.
    static let clearNames: Set<String> = Set(
        [AttributeName.uniqueIdentifier, .objectType, .cryptographicAlgorithm, .cryptographicLength,
            .cryptographicUsageMask, .state].map(\.rawValue)
            + LifecycleDateField.allCases.map(\.attributeName)
    ).union(exportPolicyNames)

    static let exportPolicyNames: Set<String> = Set(StoredObject.exportPolicy.map(\.name.rawValue))

    /// Every attribute whose value the store itself keeps: the clear columns, and the Revocation
    /// Reason its lifecycle records (sealed, but written by Revoke, never by a template).
    static let storeKeptNames: Set<String> = clearNames.union([AttributeName.revocationReason.rawValue])

    /// Attributes the store keeps and the specification's table lets no client set: refused in
    /// a create template. (The export policy is checked for its value instead.)
    static let serverOnlyNames: Set<String> = storeKeptNames.subtracting(exportPolicyNames).filter { name in
        AttributeRule.named(name)?.clientMaySet == false
    }

    /// Attributes the store keeps that a client's attribute update must leave as they were:
    /// those the table lets no client modify, and the export policy, which is the same for every
    /// key whatever the table would let a client ask. (A client changes Activation and
    /// Deactivation Date within what the lifecycle allows.)
    static let clientUnchangeableNames: Set<String> = storeKeptNames.filter { name in
        AttributeRule.named(name)?.clientMayModify == false
    }.union(exportPolicyNames)

    /// Splits a create template. Single-instance attributes given twice are refused.
    init(template: [Attribute]) throws(KeyStoreError) {
        sealed = []
        var seen: Set<String> = []
        for attribute in template {
            if Self.serverOnlyNames.contains(attribute.name) {
                throw KeyStoreError(.readOnlyAttribute, "\(attribute.name) is set by the server, not by the client")
            }
            if let rule = AttributeRule.named(attribute.name), !rule.isMultiInstance {
                guard seen.insert(attribute.name).inserted else {
                    throw KeyStoreError(.invalidAttribute, "\(attribute.name) may appear only once")
                }
            }
            let name = attribute.name
            let value = attribute.value
            if name == AttributeName.cryptographicAlgorithm.rawValue, case .enumeration(let raw) = value {
                cryptographicAlgorithm = CryptographicAlgorithm(rawValue: raw)
            } else if name == AttributeName.cryptographicLength.rawValue, case .integer(let length) = value {
                cryptographicLength = length
            } else if name == AttributeName.cryptographicUsageMask.rawValue, case .integer(let mask) = value {
                cryptographicUsageMask = CryptographicUsageMask(rawValue: mask)
            } else if name == AttributeName.activationDate.rawValue, case .dateTime(let date) = value {
                activationDate = date
            } else if name == AttributeName.deactivationDate.rawValue, case .dateTime(let date) = value {
                deactivationDate = date
            } else if let policy = StoredObject.exportPolicy.first(where: { $0.name.rawValue == name }) {
                // Saying what is so anyway is fine; asking for anything else is not possible here.
                guard value == .boolean(policy.value) else {
                    throw KeyStoreError(.invalidAttribute, "every kmipgw key has \(name) \(policy.value)")
                }
            } else if Self.clearNames.contains(name) {
                throw KeyStoreError(.invalidAttribute, "\(name) has the wrong item type \(value.itemType.name)")
            } else {
                sealed.append(attribute)
            }
        }
    }

    /// The plaintext of the sealed `attributes` column.
    static func encode(_ attributes: [Attribute]) -> [UInt8] {
        TTLVItem.structure(.templateAttribute, attributes.map { $0.ttlv(version: .v1_4) }).encodedBytes
    }

    /// The sealed list from its plaintext. The bytes have already passed AES-GCM authentication,
    /// so they are what kmipgw wrote: no size limit applies (the adapter's limits bound what is
    /// written, and a limit here would turn a large list into a false tamper alarm), and bytes
    /// that do not decode are ``KeyStoreError/Code/unreadableRecord``, never an integrity failure.
    static func decode(_ bytes: [UInt8]) throws(KeyStoreError) -> [Attribute] {
        do {
            let item = try TTLVDecoder(maximumMessageSize: max(bytes.count, 8), maximumDepth: 32).decode(bytes)
            guard item.tag == .templateAttribute else {
                throw KeyStoreError(.unreadableRecord, "the sealed attributes are not a Template-Attribute")
            }
            return try item.children.map { try Attribute(ttlv: $0) }
        } catch let error as KeyStoreError {
            throw error
        } catch {
            throw KeyStoreError(.unreadableRecord, "the sealed attributes authenticate but do not decode: \(error)")
        }
    }
}
