import KeyStore

/// The adapter a connection is bound to: every operation runs within it and sees only its objects.
public struct AdapterContext: Hashable, Sendable {
    public var adapterID: Int64
    public var instance: String
    public var adapter: String

    public init(adapterID: Int64, instance: String, adapter: String) {
        self.adapterID = adapterID
        self.instance = instance
        self.adapter = adapter
    }

    public init(_ record: AdapterRecord) {
        self.init(adapterID: record.id, instance: record.instance, adapter: record.name)
    }
}
