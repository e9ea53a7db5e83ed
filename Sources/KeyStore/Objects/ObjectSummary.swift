import KMIP

/// The metadata of one KMIP object for `kmipgw get objects` and `describe adapter`: never its
/// material.
public struct ObjectSummary: Hashable, Sendable {
    public var uniqueIdentifier: String
    public var adapterID: Int64
    /// The Name values (unsealed with the adapter's root key).
    public var names: [String]
    public var objectType: ObjectType
    public var cryptographicAlgorithm: CryptographicAlgorithm?
    public var cryptographicLength: Int32?
    public var state: State
    public var dates: LifecycleDates
    /// Why the object cannot be read (its row failed authentication, its attributes do not
    /// open), when it cannot: the other fields then come from the row's clear columns, unchecked.
    /// One unreadable object never hides the rest of its adapter.
    public var problem: String? = nil
}
