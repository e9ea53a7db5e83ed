import Foundation

/// The `-o json` shape of a plan: stable field names for scripts and CI (documented in
/// `docs/configuration.md`). Holds no PEM bodies and no key material.
public struct PlanDocument: Codable, Hashable, Sendable {
    /// The version of this JSON shape; raised only for incompatible changes.
    public var formatVersion: Int
    /// The store generation the plan was computed against.
    public var generation: UInt64
    /// Whether `--prune` was given.
    public var prune: Bool
    /// Whether `--allow-destroy` was given.
    public var allowDestroy: Bool
    /// Counts of the changes.
    public var summary: Summary
    /// Every change in display order.
    public var changes: [Change]
    /// What is not in the files and is kept (no `--prune`).
    public var kept: [Kept]
    /// Addresses of the changes that need `--allow-destroy` when it was not given.
    public var refusals: [String]

    /// `{"add": 3, "change": 1, "delete": 0}`.
    public struct Summary: Codable, Hashable, Sendable {
        /// Creates.
        public var add: Int
        /// Updates.
        public var change: Int
        /// Deletes.
        public var delete: Int
    }

    /// One field of a change.
    public struct Field: Codable, Hashable, Sendable {
        /// The field name.
        public var field: String
        /// The stored value (`null` when absent or for a create).
        public var old: String?
        /// The value in the files (`null` when absent).
        public var new: String?

        /// Writes `null` for absent values, so every field is always present.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
        }
    }

    /// A certificate's identity.
    public struct Certificate: Codable, Hashable, Sendable {
        /// SHA-256 fingerprint, lowercase hexadecimal.
        public var fingerprint: String
        /// Subject distinguished name.
        public var subject: String
        /// End of validity, ISO 8601.
        public var notValidAfter: String
    }

    /// One change.
    public struct Change: Codable, Hashable, Sendable {
        /// `create`, `update` or `delete`.
        public var action: String
        /// `instance`, `rootKey`, `adapter` or `certificate`.
        public var kind: String
        /// `instance[/adapter]/name`.
        public var address: String
        /// The instance.
        public var instance: String
        /// The adapter of a certificate.
        public var adapter: String?
        /// The name.
        public var name: String
        /// Fields set or changed.
        public var fields: [Field]
        /// For certificates.
        public var certificate: Certificate?
        /// For deletes: `not-in-files`, `replaced` or `moved`.
        public var reason: String?
        /// For moved certificates: the new `instance/adapter`.
        public var movedTo: String?
        /// KMIP objects deleted or made unusable.
        public var affectedObjects: Int
        /// The consequence in words.
        public var consequence: String?
        /// Whether the change needs `--allow-destroy`.
        public var needsAllowDestroy: Bool

        /// Writes `null` for absent values, so every field is always present.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(action, forKey: .action)
            try container.encode(kind, forKey: .kind)
            try container.encode(address, forKey: .address)
            try container.encode(instance, forKey: .instance)
            try container.encode(adapter, forKey: .adapter)
            try container.encode(name, forKey: .name)
            try container.encode(fields, forKey: .fields)
            try container.encode(certificate, forKey: .certificate)
            try container.encode(reason, forKey: .reason)
            try container.encode(movedTo, forKey: .movedTo)
            try container.encode(affectedObjects, forKey: .affectedObjects)
            try container.encode(consequence, forKey: .consequence)
            try container.encode(needsAllowDestroy, forKey: .needsAllowDestroy)
        }
    }

    /// One kept resource.
    public struct Kept: Codable, Hashable, Sendable {
        /// The kind, as in ``Change/kind``.
        public var kind: String
        /// `instance[/adapter]/name`.
        public var address: String
        /// KMIP objects `--prune` would delete with it.
        public var objects: Int
    }

    /// The document of `plan`.
    public init(_ plan: Plan) {
        formatVersion = 1
        generation = plan.generation
        prune = plan.options.prune
        allowDestroy = plan.options.allowDestroy
        summary = Summary(add: plan.toAdd, change: plan.toChange, delete: plan.toDelete)
        changes = plan.changes.map { change in
            Change(
                action: change.action.rawValue, kind: change.kind.rawValue, address: change.address,
                instance: change.instance, adapter: change.adapter, name: change.name,
                fields: change.fields.map { Field(field: $0.field, old: $0.old, new: $0.new) },
                certificate: change.certificate.map {
                    Certificate(
                        fingerprint: $0.fingerprint, subject: $0.subject,
                        notValidAfter: PlanTextRenderer.timestamp($0.notValidAfter))
                },
                reason: change.reason?.rawValue, movedTo: change.movedTo, affectedObjects: change.affectedObjects,
                consequence: change.consequence, needsAllowDestroy: change.needsAllowDestroy)
        }
        kept = plan.kept.map { Kept(kind: $0.kind.rawValue, address: $0.address, objects: $0.objects) }
        refusals = plan.refusals.map(\.address)
    }

    /// Pretty-printed JSON with sorted keys; `null` fields are written out so the shape is fixed.
    public func json() throws -> String {
        try JSONOutput.document(self)
    }
}
