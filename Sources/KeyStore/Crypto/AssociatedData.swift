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
        result.reserveCapacity(components.reduce(0) { $0 + 4 + $1.utf8.count })
        for component in components {
            withUnsafeBytes(of: UInt32(component.utf8.count).bigEndian) { result.append(contentsOf: $0) }
            result.append(contentsOf: component.utf8)
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
