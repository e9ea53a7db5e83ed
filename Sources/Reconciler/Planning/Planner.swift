import KeyStore

/// Computes a ``Plan``: the desired state (the files) minus the store's configuration. Pure: it
/// reads nothing and writes nothing, so every diff rule is testable on values.
///
/// Identity is by name: instances, root keys and adapters by name within their parent, and
/// certificates by SHA-256 fingerprint within their adapter (a renamed certificate is an update,
/// one whose PEM changed is a delete plus a create).
///
/// ```swift
/// let plan = Planner(options: PlanOptions(prune: true))
///     .plan(desired, against: try store.configuration(), counts: try store.objectCounts())
/// ```
public struct Planner: Sendable {
    /// `--prune` and `--allow-destroy`.
    public var options: PlanOptions

    /// Creates a planner.
    public init(options: PlanOptions = PlanOptions()) {
        self.options = options
    }

    /// Reads the configuration and object counts of `store`, then plans against them.
    public func plan(_ desired: DesiredState, against store: any StateStore) throws -> Plan {
        plan(desired, against: try store.configuration(), counts: try store.objectCounts())
    }

    /// The plan that makes `stored` match `desired`; `counts` gives the consequences of deletions.
    public func plan(_ desired: DesiredState, against stored: StoreConfiguration, counts: ObjectCounts) -> Plan {
        var work = Work(desired: desired, stored: stored, counts: counts, options: options)
        work.run()
        let changes = work.changes.sorted { $0.sortKey < $1.sortKey }
        let kept = work.kept.sorted { ($0.instance, $0.kind.order, $0.adapter ?? "", $0.name) < ($1.instance, $1.kind.order, $1.adapter ?? "", $1.name) }
        return Plan(generation: stored.generation, options: options, changes: changes, kept: kept)
    }
}

extension PlanChange.Kind {
    fileprivate var order: Int {
        switch self {
        case .instance: 0
        case .rootKey: 1
        case .adapter: 2
        case .certificate: 3
        }
    }
}

/// The diff itself, with indexes of the stored rows.
private struct Work {
    let desired: DesiredState
    let stored: StoreConfiguration
    let counts: ObjectCounts
    let options: PlanOptions

    var changes: [PlanChange] = []
    var kept: [KeptResource] = []

    /// Desired certificates by fingerprint: `instance/adapter`.
    var desiredOwner: [String: String] = [:]
    /// Stored certificates already matched to a desired one (by record id).
    var matched: Set<Int64> = []

    init(desired: DesiredState, stored: StoreConfiguration, counts: ObjectCounts, options: PlanOptions) {
        self.desired = desired
        self.stored = stored
        self.counts = counts
        self.options = options
        for instance in desired.instances {
            for adapter in instance.adapters {
                for certificate in adapter.certificates {
                    desiredOwner[certificate.fingerprint] = "\(instance.name)/\(adapter.name)"
                }
            }
        }
    }

    mutating func run() {
        let storedInstances = Dictionary(stored.instances.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let rootKeys = Dictionary(grouping: stored.rootKeys, by: \.instance)
        let adapters = Dictionary(grouping: stored.adapters, by: \.instance)
        let certificates = Dictionary(grouping: stored.certificates, by: \.adapterID)
        let desiredNames = Set(desired.instances.map(\.name))

        for instance in desired.instances {
            planInstance(
                instance, stored: storedInstances[instance.name], rootKeys: rootKeys[instance.name] ?? [],
                adapters: adapters[instance.name] ?? [], certificates: certificates)
        }
        for instance in stored.instances where !desiredNames.contains(instance.name) {
            planMissingInstance(
                instance, rootKeys: rootKeys[instance.name] ?? [], adapters: adapters[instance.name] ?? [],
                certificates: certificates)
        }
    }

    // MARK: Instances

    mutating func planInstance(
        _ instance: DesiredInstance, stored: InstanceRecord?, rootKeys: [RootKeyRecord], adapters: [AdapterRecord],
        certificates: [Int64: [CertificateRecord]]
    ) {
        if stored == nil {
            changes.append(
                PlanChange(
                    action: .create, kind: .instance, instance: instance.name, name: instance.name,
                    operations: [.init(phase: .createInstance, change: .createInstance(name: instance.name, description: nil))]))
        } else if let stored, stored.description != nil {
            // The files have no instance description (yet); one set another way is cleared.
            changes.append(
                PlanChange(
                    action: .update, kind: .instance, instance: instance.name, name: instance.name,
                    fields: [PlanFieldChange(field: "description", old: stored.description, new: nil)],
                    operations: [.init(phase: .writeAdapter, change: .updateInstance(name: instance.name, description: nil))]))
        }

        let desiredRootKeys = Set(instance.rootKeys.map(\.name))
        let storedRootKeys = Set(rootKeys.map(\.name))
        for rootKey in instance.rootKeys where !storedRootKeys.contains(rootKey.name) {
            changes.append(
                PlanChange(
                    action: .create, kind: .rootKey, instance: instance.name, name: rootKey.name,
                    operations: [.init(phase: .createRootKey, change: .createRootKey(instance: instance.name, name: rootKey.name))]))
        }
        for rootKey in rootKeys where !desiredRootKeys.contains(rootKey.name) {
            if options.prune {
                changes.append(rootKeyDeletion(rootKey, cascaded: false))
            } else {
                kept.append(KeptResource(kind: .rootKey, instance: instance.name, name: rootKey.name, objects: objects(rootKey: rootKey)))
            }
        }

        let storedAdapters = Dictionary(adapters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for adapter in instance.adapters {
            planAdapter(adapter, instance: instance.name, stored: storedAdapters[adapter.name], certificates: certificates)
        }
        let desiredAdapters = Set(instance.adapters.map(\.name))
        for adapter in adapters where !desiredAdapters.contains(adapter.name) {
            let owned = certificates[adapter.id] ?? []
            if options.prune {
                changes.append(adapterDeletion(adapter, certificates: owned.count, cascaded: false))
                for certificate in owned { planStoredCertificate(certificate, desiredNames: []) }
            } else {
                kept.append(KeptResource(kind: .adapter, instance: instance.name, name: adapter.name, objects: objects(adapter: adapter)))
                for certificate in owned where movedTarget(certificate) != nil {
                    planStoredCertificate(certificate, desiredNames: [])
                }
            }
        }
    }

    mutating func planMissingInstance(
        _ instance: InstanceRecord, rootKeys: [RootKeyRecord], adapters: [AdapterRecord], certificates: [Int64: [CertificateRecord]]
    ) {
        let owned = adapters.flatMap { certificates[$0.id] ?? [] }
        guard options.prune else {
            let total = adapters.reduce(0) { $0 + objects(adapter: $1) }
            kept.append(KeptResource(kind: .instance, instance: instance.name, name: instance.name, objects: total))
            for certificate in owned where movedTarget(certificate) != nil {
                planStoredCertificate(certificate, desiredNames: [])
            }
            return
        }
        let total = adapters.reduce(0) { $0 + objects(adapter: $1) }
        var parts = [GroupedNumber.count(rootKeys.count, "root key"), GroupedNumber.count(adapters.count, "adapter")]
        parts.append(GroupedNumber.count(owned.count, "certificate"))
        let listed = parts.joined(separator: ", ")
        changes.append(
            PlanChange(
                action: .delete, kind: .instance, instance: instance.name, name: instance.name, reason: .notInFiles,
                affectedObjects: total,
                consequence: "deleting instance \(instance.name) deletes its \(listed) and \(GroupedNumber.count(total, "KMIP key"))",
                needsAllowDestroy: !rootKeys.isEmpty || total > 0,
                operations: [.init(phase: .deleteInstance, change: .deleteInstance(name: instance.name))]))
        for rootKey in rootKeys { changes.append(rootKeyDeletion(rootKey, cascaded: true)) }
        for adapter in adapters {
            changes.append(adapterDeletion(adapter, certificates: certificates[adapter.id]?.count ?? 0, cascaded: true))
        }
        for certificate in owned { planStoredCertificate(certificate, desiredNames: []) }
    }

    // MARK: Root keys and adapters

    func objects(rootKey: RootKeyRecord) -> Int {
        counts.byRootKey[QualifiedName(instance: rootKey.instance, name: rootKey.name)] ?? 0
    }

    func objects(adapter: AdapterRecord) -> Int {
        counts.byAdapter[QualifiedName(instance: adapter.instance, name: adapter.name)] ?? 0
    }

    func rootKeyDeletion(_ rootKey: RootKeyRecord, cascaded: Bool) -> PlanChange {
        let byAdapter = counts.byRootKeyAndAdapter[QualifiedName(instance: rootKey.instance, name: rootKey.name)] ?? [:]
        let total = byAdapter.values.reduce(0, +)
        let subject = "destroying root key \(rootKey.name) of instance \(rootKey.instance)"
        let consequence: String
        switch byAdapter.count {
        case 0:
            consequence = "\(subject) destroys its key material; no KMIP key is sealed under it"
        case 1:
            let (adapter, count) = byAdapter.first!
            consequence = "\(subject) makes \(GroupedNumber.count(count, "KMIP key")) of adapter \(adapter) unusable"
        default:
            let parts = byAdapter.sorted { $0.key < $1.key }.map { "\(GroupedNumber.format($0.value)) of adapter \($0.key)" }
            consequence = "\(subject) makes \(GroupedNumber.count(total, "KMIP key")) unusable: " + parts.joined(separator: ", ")
        }
        return PlanChange(
            action: .delete, kind: .rootKey, instance: rootKey.instance, name: rootKey.name, reason: .notInFiles,
            affectedObjects: total, consequence: consequence, needsAllowDestroy: true,
            operations: cascaded
                ? [] : [.init(phase: .deleteRootKey, change: .deleteRootKey(instance: rootKey.instance, name: rootKey.name))])
    }

    func adapterDeletion(_ adapter: AdapterRecord, certificates: Int, cascaded: Bool) -> PlanChange {
        let count = objects(adapter: adapter)
        let consequence =
            "deleting adapter \(adapter.name) of instance \(adapter.instance) deletes its "
            + "\(GroupedNumber.count(certificates, "certificate")) and \(GroupedNumber.count(count, "KMIP key"))"
        return PlanChange(
            action: .delete, kind: .adapter, instance: adapter.instance, name: adapter.name, reason: .notInFiles,
            affectedObjects: count, consequence: consequence, needsAllowDestroy: count > 0,
            operations: cascaded
                ? [] : [.init(phase: .deleteAdapter, change: .deleteAdapter(instance: adapter.instance, name: adapter.name))])
    }

    /// One field change per quota that differs, named as the YAML names it.
    static func limitChanges(from old: AdapterLimits, to new: AdapterLimits) -> [PlanFieldChange] {
        let fields: [(String, KeyPath<AdapterLimits, Int>)] = [
            ("limits.objects", \.maximumObjects), ("limits.attributesPerObject", \.maximumAttributesPerObject),
            ("limits.attributeBytes", \.maximumAttributeBytes),
        ]
        return fields.compactMap { name, path in
            old[keyPath: path] == new[keyPath: path]
                ? nil : PlanFieldChange(field: name, old: String(old[keyPath: path]), new: String(new[keyPath: path]))
        }
    }

    mutating func planAdapter(
        _ adapter: DesiredAdapter, instance: String, stored: AdapterRecord?, certificates: [Int64: [CertificateRecord]]
    ) {
        if let stored {
            var fields: [PlanFieldChange] = []
            if stored.description != adapter.description {
                fields.append(PlanFieldChange(field: "description", old: stored.description, new: adapter.description))
            }
            fields += Self.limitChanges(from: stored.limits, to: adapter.limits)
            var consequence: String?
            var affected = 0
            if stored.rootKey != adapter.rootKey {
                fields.append(PlanFieldChange(field: "rootKey", old: stored.rootKey, new: adapter.rootKey))
                affected = objects(adapter: stored)
                if affected > 0, let old = stored.rootKey {
                    consequence =
                        "new KMIP keys of adapter \(adapter.name) are sealed under root key \(adapter.rootKey); its "
                        + "\(GroupedNumber.count(affected, "existing KMIP key")) stay sealed under root key \(old) "
                        + "and remain usable while \(old) exists"
                    affected = 0
                }
            }
            if !fields.isEmpty {
                changes.append(
                    PlanChange(
                        action: .update, kind: .adapter, instance: instance, name: adapter.name, fields: fields,
                        affectedObjects: affected, consequence: consequence,
                        operations: [
                            .init(
                                phase: .writeAdapter,
                                change: .updateAdapter(
                                    instance: instance, name: adapter.name, description: adapter.description,
                                    rootKey: adapter.rootKey, limits: adapter.limits))
                        ]))
            }
        } else {
            var fields: [PlanFieldChange] = []
            if let description = adapter.description {
                fields.append(PlanFieldChange(field: "description", old: nil, new: description))
            }
            fields.append(PlanFieldChange(field: "rootKey", old: nil, new: adapter.rootKey))
            fields += Self.limitChanges(from: .default, to: adapter.limits)
            changes.append(
                PlanChange(
                    action: .create, kind: .adapter, instance: instance, name: adapter.name, fields: fields,
                    operations: [
                        .init(
                            phase: .writeAdapter,
                            change: .createAdapter(
                                instance: instance, name: adapter.name, description: adapter.description,
                                rootKey: adapter.rootKey, limits: adapter.limits))
                    ]))
        }

        // Certificates, by fingerprint within the adapter.
        let owned = stored.flatMap { certificates[$0.id] } ?? []
        let byFingerprint = Dictionary(owned.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
        for certificate in adapter.certificates {
            let identity = PlanCertificate(
                fingerprint: certificate.fingerprint, subject: certificate.subject,
                notValidAfter: certificate.notValidAfter)
            let add = PlanChange.Operation(
                phase: .addCertificate,
                change: .addCertificate(
                    instance: instance, adapter: adapter.name, name: certificate.name,
                    certificate: certificate.certificate))
            if let existing = byFingerprint[certificate.fingerprint] {
                matched.insert(existing.id)
                guard existing.name != certificate.name else { continue }
                changes.append(
                    PlanChange(
                        action: .update, kind: .certificate, instance: instance, adapter: adapter.name,
                        name: certificate.name, fields: [PlanFieldChange(field: "name", old: existing.name, new: certificate.name)],
                        certificate: identity,
                        operations: [
                            .init(
                                phase: .removeCertificate,
                                change: .removeCertificate(instance: instance, adapter: adapter.name, name: existing.name)),
                            add,
                        ]))
            } else {
                changes.append(
                    PlanChange(
                        action: .create, kind: .certificate, instance: instance, adapter: adapter.name,
                        name: certificate.name, certificate: identity, operations: [add]))
            }
        }
        let desiredNames = Set(adapter.certificates.map(\.name))
        for certificate in owned where !matched.contains(certificate.id) {
            planStoredCertificate(certificate, desiredNames: desiredNames)
        }
    }

    // MARK: Certificates

    /// Where the files now put a stored certificate's fingerprint, when that is another adapter.
    func movedTarget(_ certificate: CertificateRecord) -> String? {
        guard let owner = desiredOwner[certificate.fingerprint], owner != "\(certificate.instance)/\(certificate.adapter)"
        else { return nil }
        return owner
    }

    /// A stored certificate no desired certificate of its adapter matches by fingerprint: moved
    /// (its fingerprint is now listed elsewhere), replaced (its name now holds another
    /// certificate), pruned, or kept.
    mutating func planStoredCertificate(_ certificate: CertificateRecord, desiredNames: Set<String>) {
        let reason: PlanChange.Reason
        let target = movedTarget(certificate)
        if target != nil {
            reason = .moved
        } else if desiredNames.contains(certificate.name) {
            reason = .replaced
        } else if options.prune {
            reason = .notInFiles
        } else {
            kept.append(
                KeptResource(kind: .certificate, instance: certificate.instance, adapter: certificate.adapter, name: certificate.name))
            return
        }
        changes.append(
            PlanChange(
                action: .delete, kind: .certificate, instance: certificate.instance, adapter: certificate.adapter,
                name: certificate.name,
                certificate: PlanCertificate(
                    fingerprint: certificate.fingerprint, subject: certificate.subject,
                    notValidAfter: certificate.notValidAfter),
                reason: reason, movedTo: target,
                operations: [
                    .init(
                        phase: .removeCertificate,
                        change: .removeCertificate(instance: certificate.instance, adapter: certificate.adapter, name: certificate.name))
                ]))
    }
}
