/// How many KMIP objects each adapter owns and each root key seals, for the plan's warnings
/// ("destroying root key R makes N KMIP keys of adapter A unusable").
public struct ObjectCounts: Hashable, Sendable {
    public var byAdapter: [QualifiedName: Int]
    public var byRootKey: [QualifiedName: Int]
    /// Objects per (root key, adapter): which adapters lose how many objects with a root key.
    public var byRootKeyAndAdapter: [QualifiedName: [String: Int]]
}
