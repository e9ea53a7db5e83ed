import Foundation
import KeyStore

/// The read-only views of `kmipgw get` and `kmipgw describe` (IAM actions
/// `kms.kmip-management.list` and `kms.kmip-management.read`): configuration rows and KMIP
/// object metadata, never key material, never PEM bodies.
public struct ManagementView: Sendable {
    /// The configuration snapshot the views are built from.
    public var configuration: StoreConfiguration
    /// Object counts for the OBJECTS columns.
    public var counts: ObjectCounts

    /// Creates views over a snapshot.
    public init(configuration: StoreConfiguration, counts: ObjectCounts) {
        self.configuration = configuration
        self.counts = counts
    }

    /// Reads the snapshot and counts from `store`.
    public init(store: any StateStore) throws {
        self.init(configuration: try store.configuration(), counts: try store.objectCounts())
    }

    /// Instances, optionally only `instance`.
    public func instances(instance: String? = nil) -> [InstanceView] {
        configuration.instances.filter { instance == nil || $0.name == instance }.map { record in
            let adapters = configuration.adapters.filter { $0.instanceID == record.id }
            return InstanceView(
                name: record.name, rootKeys: configuration.rootKeys.count { $0.instanceID == record.id },
                adapters: adapters.count,
                objects: adapters.reduce(0) { $0 + (counts.byAdapter[QualifiedName(instance: $1.instance, name: $1.name)] ?? 0) },
                createdAt: Self.timestamp(record.createdAt))
        }
    }

    /// Root keys, optionally of one instance.
    public func rootKeys(instance: String? = nil) -> [RootKeyView] {
        configuration.rootKeys.filter { instance == nil || $0.instance == instance }.map { record in
            RootKeyView(
                instance: record.instance, name: record.name,
                adapters: configuration.adapters.filter { $0.rootKeyID == record.id }.map(\.name),
                objects: counts.byRootKey[QualifiedName(instance: record.instance, name: record.name)] ?? 0,
                createdAt: Self.timestamp(record.createdAt))
        }
    }

    /// Adapters, optionally of one instance and/or with one name.
    public func adapters(instance: String? = nil, adapter: String? = nil) -> [AdapterView] {
        selectedAdapters(instance: instance, adapter: adapter).map(view)
    }

    /// Certificates, optionally of one instance and/or adapter.
    public func certificates(instance: String? = nil, adapter: String? = nil) -> [CertificateView] {
        configuration.certificates
            .filter { (instance == nil || $0.instance == instance) && (adapter == nil || $0.adapter == adapter) }
            .map(view)
    }

    /// The adapters the filters select, in instance and name order.
    public func selectedAdapters(instance: String? = nil, adapter: String? = nil) -> [AdapterRecord] {
        configuration.adapters.filter { (instance == nil || $0.instance == instance) && (adapter == nil || $0.name == adapter) }
    }

    /// Object metadata of every selected adapter, read from `store` (never material).
    public func objects(store: any StateStore, instance: String? = nil, adapter: String? = nil) throws -> [ObjectView] {
        try selectedAdapters(instance: instance, adapter: adapter).flatMap { record in
            try store.objectSummaries(adapterID: record.id).map { Self.view($0, adapter: record) }
        }
    }

    /// The details of one adapter, or `nil` when no adapter has that name (in that instance).
    /// Throws ``ViewError`` when the name is used in several instances and `instance` is `nil`.
    public func describeAdapter(_ name: String, instance: String?, store: any StateStore) throws -> AdapterDetail? {
        let matches = selectedAdapters(instance: instance, adapter: name)
        guard let record = matches.first else { return nil }
        guard matches.count == 1 else { throw ViewError.ambiguousAdapter(name, instances: matches.map(\.instance)) }
        return AdapterDetail(
            adapter: view(record),
            certificates: configuration.certificates.filter { $0.adapterID == record.id }.map(view),
            objects: try store.objectSummaries(adapterID: record.id).map { Self.view($0, adapter: record) })
    }

    func view(_ record: AdapterRecord) -> AdapterView {
        AdapterView(
            instance: record.instance, name: record.name, description: record.description, rootKey: record.rootKey,
            certificates: configuration.certificates.count { $0.adapterID == record.id },
            objects: counts.byAdapter[QualifiedName(instance: record.instance, name: record.name)] ?? 0,
            createdAt: Self.timestamp(record.createdAt), updatedAt: Self.timestamp(record.updatedAt))
    }

    func view(_ record: CertificateRecord) -> CertificateView {
        CertificateView(
            instance: record.instance, adapter: record.adapter, name: record.name, fingerprint: record.fingerprint,
            subject: record.subject, notValidBefore: Self.timestamp(record.notValidBefore),
            notValidAfter: Self.timestamp(record.notValidAfter))
    }

    static func view(_ summary: ObjectSummary, adapter: AdapterRecord) -> ObjectView {
        func date(_ seconds: Int64?) -> String? {
            seconds.map { timestamp(Date(timeIntervalSince1970: TimeInterval($0))) }
        }
        return ObjectView(
            instance: adapter.instance, adapter: adapter.name, identifier: summary.uniqueIdentifier,
            names: summary.names, type: String(describing: summary.objectType),
            algorithm: summary.cryptographicAlgorithm.map { String(describing: $0) },
            length: summary.cryptographicLength.map { Int($0) },
            state: summary.problem == nil ? String(describing: summary.state) : "Unreadable",
            created: date(summary.dates.initial) ?? "", activated: date(summary.dates.activation),
            deactivated: date(summary.dates.deactivation), compromised: date(summary.dates.compromise),
            destroyed: date(summary.dates.destroy), lastChanged: date(summary.dates.lastChange) ?? "",
            problem: summary.problem)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
