/// A root key in `kmipgw get rootkeys`: its name and use, never its material.
public struct RootKeyView: ViewRow, Hashable {
    /// The instance.
    public var instance: String
    /// The name.
    public var name: String
    /// Adapters whose new KMIP keys it seals.
    public var adapters: [String]
    /// KMIP objects sealed under it.
    public var objects: Int
    /// When it was generated (ISO 8601).
    public var createdAt: String

    public static let columns = ["INSTANCE", "NAME", "ADAPTERS", "OBJECTS", "CREATED"]
    public var cells: [String] {
        [instance, name, adapters.isEmpty ? "-" : adapters.joined(separator: ","), String(objects), createdAt]
    }
}
