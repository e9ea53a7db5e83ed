import KeyStore

/// One line of a plan: create (`+`), update (`~`) or delete (`-`) one instance, root key, adapter
/// or certificate, with the fields it sets and, for destructive changes, their consequence.
public struct PlanChange: Hashable, Sendable {
    /// What happens to the resource.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// `+`: the files name it, the store does not hold it.
        case create
        /// `~`: both hold it, with different fields.
        case update
        /// `-`: the store holds it and it goes.
        case delete

        /// The terraform-like marker: `+`, `~` or `-`.
        public var symbol: String {
            switch self {
            case .create: "+"
            case .update: "~"
            case .delete: "-"
            }
        }
    }

    /// The kind of resource.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// An instance.
        case instance
        /// A root key of an instance.
        case rootKey
        /// An adapter of an instance.
        case adapter
        /// A client certificate of an adapter.
        case certificate

        /// The words used in text output (`root key`).
        public var label: String {
            switch self {
            case .instance: "instance"
            case .rootKey: "root key"
            case .adapter: "adapter"
            case .certificate: "certificate"
            }
        }
    }

    /// Why something is deleted.
    public enum Reason: String, Hashable, Sendable {
        /// The files no longer name it and `--prune` was given.
        case notInFiles = "not-in-files"
        /// A certificate whose name the files now give to another certificate (its PEM changed).
        case replaced
        /// A certificate the files now list under another adapter.
        case moved
    }

    /// Create, update or delete.
    public var action: Action
    /// Instance, root key, adapter or certificate.
    public var kind: Kind
    /// The instance the resource belongs to (the instance itself for ``Kind/instance``).
    public var instance: String
    /// The adapter of a certificate; `nil` for the other kinds.
    public var adapter: String?
    /// The resource's name (for a renamed certificate: the new name).
    public var name: String
    /// The fields a create sets or an update changes, in a fixed order.
    public var fields: [PlanFieldChange]
    /// For certificates: fingerprint, subject and expiry (of the stored certificate for a delete).
    public var certificate: PlanCertificate?
    /// Why a delete happens; `nil` for creates and updates.
    public var reason: Reason?
    /// Where a moved certificate goes (`instance/adapter`).
    public var movedTo: String?
    /// KMIP objects this change deletes or makes unusable.
    public var affectedObjects: Int
    /// The consequence in words, for destructive or notable changes.
    public var consequence: String?
    /// Whether the change destroys key material and so needs `--allow-destroy`.
    public var needsAllowDestroy: Bool

    /// The store operations that carry out this change, each with its phase in the transaction.
    /// Internal: a certificate addition holds the DER, which is never rendered.
    var operations: [Operation]

    /// A store operation and its place in the apply transaction.
    struct Operation: Hashable, Sendable {
        var phase: ApplyPhase
        var change: ConfigurationChange
    }

    init(
        action: Action, kind: Kind, instance: String, adapter: String? = nil, name: String,
        fields: [PlanFieldChange] = [], certificate: PlanCertificate? = nil, reason: Reason? = nil,
        movedTo: String? = nil, affectedObjects: Int = 0, consequence: String? = nil,
        needsAllowDestroy: Bool = false, operations: [Operation]
    ) {
        self.action = action
        self.kind = kind
        self.instance = instance
        self.adapter = adapter
        self.name = name
        self.fields = fields
        self.certificate = certificate
        self.reason = reason
        self.movedTo = movedTo
        self.affectedObjects = affectedObjects
        self.consequence = consequence
        self.needsAllowDestroy = needsAllowDestroy
        self.operations = operations
    }

    /// `instance`, `instance/name`, or `instance/adapter/name` for a certificate.
    public var address: String {
        switch kind {
        case .instance: instance
        case .rootKey, .adapter: "\(instance)/\(name)"
        case .certificate: "\(instance)/\(adapter ?? "")/\(name)"
        }
    }

    /// The display order: by instance; the instance, then root keys, then each adapter followed
    /// by its certificates; deletes before updates before creates of the same name.
    var sortKey: SortKey {
        let actionRank = [Action.delete: 0, .update: 1, .create: 2][action] ?? 0
        switch kind {
        case .instance: return SortKey(instance: instance, group: 0, owner: "", member: 0, name: "", action: actionRank)
        case .rootKey: return SortKey(instance: instance, group: 1, owner: name, member: 0, name: "", action: actionRank)
        case .adapter: return SortKey(instance: instance, group: 2, owner: name, member: 0, name: "", action: actionRank)
        case .certificate:
            return SortKey(instance: instance, group: 2, owner: adapter ?? "", member: 1, name: name, action: actionRank)
        }
    }

    struct SortKey: Comparable {
        var instance: String
        var group: Int
        var owner: String
        var member: Int
        var name: String
        var action: Int

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            (lhs.instance, lhs.group, lhs.owner, lhs.member, lhs.name, lhs.action)
                < (rhs.instance, rhs.group, rhs.owner, rhs.member, rhs.name, rhs.action)
        }
    }
}
