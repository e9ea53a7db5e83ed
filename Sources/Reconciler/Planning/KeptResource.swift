/// Something the store holds that the files no longer name, kept because `--prune` was not
/// given: "not in the files (kept; --prune would delete)".
public struct KeptResource: Hashable, Sendable {
    /// Instance, root key, adapter or certificate.
    public var kind: PlanChange.Kind
    /// The owning instance (the instance itself for ``PlanChange/Kind/instance``).
    public var instance: String
    /// The adapter of a certificate.
    public var adapter: String?
    /// The resource's name.
    public var name: String
    /// KMIP objects that `--prune` would delete with it (or make unusable, for a root key).
    public var objects: Int

    /// Creates a kept resource.
    public init(kind: PlanChange.Kind, instance: String, adapter: String? = nil, name: String, objects: Int = 0) {
        self.kind = kind
        self.instance = instance
        self.adapter = adapter
        self.name = name
        self.objects = objects
    }

    /// `instance`, `instance/name`, or `instance/adapter/name`.
    public var address: String {
        switch kind {
        case .instance: instance
        case .rootKey, .adapter: "\(instance)/\(name)"
        case .certificate: "\(instance)/\(adapter ?? "")/\(name)"
        }
    }
}
