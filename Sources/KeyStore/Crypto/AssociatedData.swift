/// The associated data of one sealed column: format version, table, row identifiers, column.
///
/// Every component is length-prefixed, so no two distinct contexts share an encoding.
struct AssociatedData: Sendable, CustomStringConvertible {
    let components: [String]

    static let formatVersion = "kmipgw.v1"

    init(table: String, ids: [String], column: String) {
        components = [Self.formatVersion, table] + ids + [column]
    }

    var bytes: [UInt8] {
        var result: [UInt8] = []
        for component in components {
            let utf8 = Array(component.utf8)
            let count = UInt32(utf8.count)
            result += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
            result += utf8
        }
        return result
    }

    var description: String {
        components.dropFirst().joined(separator: "/")
    }

    /// The sealed material of root key `id` of instance `instanceID`.
    static func rootKey(id: Int64, instanceID: Int64) -> AssociatedData {
        AssociatedData(table: "root_keys", ids: [String(instanceID), String(id)], column: "sealed_key")
    }

    /// A sealed column (`attributes` or `material`) of KMIP object `uid`.
    static func object(uid: String, adapterID: Int64, rootKeyID: Int64, column: String) -> AssociatedData {
        AssociatedData(table: "objects", ids: [uid, String(adapterID), String(rootKeyID)], column: column)
    }
}
