/// One gateway instance of the desired state, merged from every file that mentions it.
public struct DesiredInstance: Hashable, Sendable {
    /// The instance name (DNS-label-like, see `docs/configuration.md`).
    public var name: String
    /// Root keys in declaration order (files in the order read, then document order).
    public var rootKeys: [DesiredRootKey]
    /// Adapters in declaration order.
    public var adapters: [DesiredAdapter]
    /// Where the instance is first named.
    public var source: SourceLocation

    /// Creates an instance.
    public init(name: String, rootKeys: [DesiredRootKey], adapters: [DesiredAdapter], source: SourceLocation) {
        self.name = name
        self.rootKeys = rootKeys
        self.adapters = adapters
        self.source = source
    }

    /// The adapter with this name, if declared.
    public func adapter(named name: String) -> DesiredAdapter? {
        adapters.first { $0.name == name }
    }

    /// The root key with this name, if declared.
    public func rootKey(named name: String) -> DesiredRootKey? {
        rootKeys.first { $0.name == name }
    }
}
