import KeyStore

/// The adapter a connection is bound to: every operation runs within it and sees only its objects.
public struct AdapterContext: Hashable, Sendable {
    public var adapterID: Int64
    public var instance: String
    public var adapter: String
    /// The adapter's quotas, enforced by the operations that add objects and attributes.
    public var limits: AdapterLimits

    public init(adapterID: Int64, instance: String, adapter: String, limits: AdapterLimits = .default) {
        self.adapterID = adapterID
        self.instance = instance
        self.adapter = adapter
        self.limits = limits
    }

    public init(_ record: AdapterRecord, limits: AdapterLimits = .default) {
        self.init(adapterID: record.id, instance: record.instance, adapter: record.name, limits: limits)
    }
}
