/// An instance in `kmipgw get instances`.
public struct InstanceView: ViewRow, Hashable {
    /// The name.
    public var name: String
    /// How many root keys.
    public var rootKeys: Int
    /// How many adapters.
    public var adapters: Int
    /// How many KMIP objects its adapters own.
    public var objects: Int
    /// When it was created (ISO 8601).
    public var createdAt: String

    public static let columns = ["NAME", "ROOT KEYS", "ADAPTERS", "OBJECTS", "CREATED"]
    public var cells: [String] { [name, String(rootKeys), String(adapters), String(objects), createdAt] }
}
