/// A root key an instance should have. Its key material never appears in configuration: apply
/// generates it and stores it wrapped by the master key.
public struct DesiredRootKey: Hashable, Sendable {
    /// The root-key name, unique in its instance.
    public var name: String
    /// Where it is declared.
    public var source: SourceLocation

    /// Creates a root key.
    public init(name: String, source: SourceLocation) {
        self.name = name
        self.source = source
    }
}
