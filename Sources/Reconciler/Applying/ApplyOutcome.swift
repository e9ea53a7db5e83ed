/// What one apply did.
public struct ApplyOutcome: Hashable, Sendable {
    /// The plan that was applied.
    public var plan: Plan
    /// The store generation afterwards (unchanged for an empty plan).
    public var generation: UInt64
    /// KMIP objects deleted with adapters, root keys and instances.
    public var deletedObjects: Int
    /// How many store operations the transaction ran.
    public var operations: Int

    /// Creates an outcome.
    public init(plan: Plan, generation: UInt64, deletedObjects: Int, operations: Int) {
        self.plan = plan
        self.generation = generation
        self.deletedObjects = deletedObjects
        self.operations = operations
    }

    /// `Apply complete: 3 added, 1 changed, 0 deleted (0 KMIP keys deleted); store generation 4.`
    public var summary: String {
        if plan.isEmpty { return "Apply complete: no changes; store generation \(generation)." }
        return "Apply complete: \(plan.toAdd) added, \(plan.toChange) changed, \(plan.toDelete) deleted "
            + "(\(GroupedNumber.count(deletedObjects, "KMIP key")) deleted); store generation \(generation)."
    }
}
