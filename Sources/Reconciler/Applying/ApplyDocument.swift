/// The `apply -o json` shape: the plan, and whether and how it was applied.
public struct ApplyDocument: Encodable {
    public var plan: PlanDocument
    public var applied: Bool
    public var dryRun: Bool
    public var generation: UInt64
    public var deletedObjects: Int

    /// The document for `plan`, applied with `outcome`, or not applied (`nil`: a dry run or a refusal).
    public init(_ plan: Plan, outcome: ApplyOutcome?, dryRun: Bool) {
        self.plan = PlanDocument(plan)
        self.applied = outcome != nil
        self.dryRun = dryRun
        self.generation = outcome?.generation ?? plan.generation
        self.deletedObjects = outcome?.deletedObjects ?? 0
    }

    /// The document as ``JSONOutput/document(_:)`` writes it.
    public func json() throws -> String { try JSONOutput.document(self) }
}
