/// A row of a `kmipgw get` listing: encodable for `-o json|yaml`, with cells for `-o table`.
public protocol ViewRow: Encodable, Sendable {
    /// The table's column headings (upper case, kubectl style).
    static var columns: [String] { get }
    /// The cells, one per column.
    var cells: [String] { get }
}
