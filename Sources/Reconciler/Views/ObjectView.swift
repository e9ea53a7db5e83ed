/// A KMIP object in `kmipgw get objects` and `describe adapter`: metadata only, never material.
public struct ObjectView: ViewRow, Hashable {
    /// The instance.
    public var instance: String
    /// The owning adapter.
    public var adapter: String
    /// The KMIP Unique Identifier.
    public var identifier: String
    /// The Name attribute values.
    public var names: [String]
    /// The Object Type (`SymmetricKey`).
    public var type: String
    /// The Cryptographic Algorithm, when set.
    public var algorithm: String?
    /// The Cryptographic Length in bits, when set.
    public var length: Int?
    /// The effective State (`Active`).
    public var state: String
    /// Initial Date (ISO 8601).
    public var created: String
    /// Activation Date, when set.
    public var activated: String?
    /// Deactivation Date, when set.
    public var deactivated: String?
    /// Compromise Date, when set.
    public var compromised: String?
    /// Destroy Date, when set.
    public var destroyed: String?
    /// Last Change Date.
    public var lastChanged: String
    /// Why the object cannot be read, when it cannot (its state then shows `Unreadable`).
    public var problem: String? = nil

    public static let columns = ["ADAPTER", "IDENTIFIER", "NAME", "TYPE", "STATE", "CREATED", "ACTIVATED", "DEACTIVATED"]
    public var cells: [String] {
        [adapter, identifier, names.isEmpty ? "-" : names.joined(separator: ","), type, state, created, activated ?? "-",
         deactivated ?? "-"]
    }

    /// Writes `null` for absent values, so every field is always present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(instance, forKey: .instance)
        try container.encode(adapter, forKey: .adapter)
        try container.encode(identifier, forKey: .identifier)
        try container.encode(names, forKey: .names)
        try container.encode(type, forKey: .type)
        try container.encode(algorithm, forKey: .algorithm)
        try container.encode(length, forKey: .length)
        try container.encode(state, forKey: .state)
        try container.encode(created, forKey: .created)
        try container.encode(activated, forKey: .activated)
        try container.encode(deactivated, forKey: .deactivated)
        try container.encode(compromised, forKey: .compromised)
        try container.encode(destroyed, forKey: .destroyed)
        try container.encode(lastChanged, forKey: .lastChanged)
        try container.encode(problem, forKey: .problem)
    }

    private enum CodingKeys: String, CodingKey {
        case instance, adapter, identifier, names, type, algorithm, length, state, created, activated, deactivated,
            compromised, destroyed, lastChanged, problem
    }
}
