/// An adapter in `kmipgw get adapters`.
public struct AdapterView: ViewRow, Hashable {
    /// The instance.
    public var instance: String
    /// The name.
    public var name: String
    /// The description, if any.
    public var description: String?
    /// The root key new KMIP keys are sealed under; `nil` after that root key was destroyed.
    public var rootKey: String?
    /// How many client certificates.
    public var certificates: Int
    /// How many KMIP objects it owns.
    public var objects: Int
    /// When it was created (ISO 8601).
    public var createdAt: String
    /// When it was last changed (ISO 8601).
    public var updatedAt: String

    public static let columns = ["INSTANCE", "NAME", "ROOT KEY", "CERTIFICATES", "OBJECTS", "DESCRIPTION"]
    public var cells: [String] {
        [instance, name, rootKey ?? "-", String(certificates), String(objects), description ?? ""]
    }

    /// Writes `null` for absent values, so every field is always present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instance, forKey: .instance)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(rootKey, forKey: .rootKey)
        try container.encode(certificates, forKey: .certificates)
        try container.encode(objects, forKey: .objects)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    private enum CodingKeys: String, CodingKey {
        case instance, name, description, rootKey, certificates, objects, createdAt, updatedAt
    }
}
