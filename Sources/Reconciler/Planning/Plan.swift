/// What `apply` would change: desired state minus stored state, as a pure value that is
/// printed (``PlanTextRenderer``, ``PlanDocument``) and then applied as it is (``Applier``).
///
/// Changes are in a stable display order (instance, its root keys, each adapter followed by its
/// certificates); the applier re-orders the store operations for the transaction.
public struct Plan: Hashable, Sendable {
    /// The store generation the plan was computed against.
    public var generation: UInt64
    /// The flags the plan was made with.
    public var options: PlanOptions
    /// Every change, in display order.
    public var changes: [PlanChange]
    /// What the store holds and the files do not name, kept because `--prune` was not given.
    public var kept: [KeptResource]

    /// Creates a plan.
    public init(generation: UInt64, options: PlanOptions, changes: [PlanChange], kept: [KeptResource]) {
        self.generation = generation
        self.options = options
        self.changes = changes
        self.kept = kept
    }

    /// Whether applying would change nothing.
    public var isEmpty: Bool { changes.isEmpty }

    /// The changes that need `--allow-destroy` when it was not given: the applier refuses the
    /// whole plan while this is not empty.
    public var refusals: [PlanChange] {
        options.allowDestroy ? [] : changes.filter(\.needsAllowDestroy)
    }

    /// Number of creates.
    public var toAdd: Int { changes.count { $0.action == .create } }
    /// Number of updates.
    public var toChange: Int { changes.count { $0.action == .update } }
    /// Number of deletes.
    public var toDelete: Int { changes.count { $0.action == .delete } }

    /// `Plan: 3 to add, 1 to change, 0 to delete.`
    public var summary: String {
        "Plan: \(toAdd) to add, \(toChange) to change, \(toDelete) to delete."
    }
}
