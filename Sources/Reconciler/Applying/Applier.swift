import KeyStore

/// Carries out a ``Plan``: one `StateStore.apply` call, so the store ends either fully changed
/// or exactly as it was.
///
/// ```swift
/// let plan = try Planner(options: options).plan(desired, against: store)
/// let outcome = try await Applier(store: store).apply(plan)
/// ```
public struct Applier: Sendable {
    /// The store to change.
    public var store: any StateStore

    /// Creates an applier for `store`.
    public init(store: any StateStore) {
        self.store = store
    }

    /// Applies `plan` in one transaction. Refuses (changing nothing) when the plan needs
    /// `--allow-destroy` and it was not given; a store failure rolls the whole transaction back
    /// and is reported as ``ReconcileError/Code/storeRejected``.
    @discardableResult
    public func apply(_ plan: Plan) async throws(ReconcileError) -> ApplyOutcome {
        let refusals = plan.refusals
        guard refusals.isEmpty else { throw .destroyNotAllowed(refusals) }
        let changes = plan.configurationChanges
        if changes.isEmpty {
            let generation: UInt64
            do {
                generation = try store.generation()
            } catch {
                throw .storeRejected(Self.describe(error))
            }
            return ApplyOutcome(plan: plan, generation: generation, deletedObjects: 0, operations: 0)
        }
        do {
            let result = try await store.apply(
                changes,
                conditions: ApplyConditions(
                    expectedGeneration: plan.generation, allowsDeletingObjects: plan.options.allowDestroy))
            return ApplyOutcome(
                plan: plan, generation: result.generation, deletedObjects: result.deletedObjects,
                operations: changes.count)
        } catch let error as KeyStoreError where error.code == .destroyNotAllowed {
            throw .destroyNotAllowed(reason: error.reason)
        } catch let error as KeyStoreError where error.code == .generationChanged {
            throw .storeChanged(error.reason)
        } catch {
            throw .storeRejected(Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? KeyStoreError { return error.reason }
        return String(describing: error)
    }
}
