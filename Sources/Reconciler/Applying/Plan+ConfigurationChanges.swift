import KeyStore

extension Plan {
    /// The store operations of this plan in transaction order (see ``ApplyPhase``): what
    /// ``Applier`` hands to `StateStore.apply` in one call. Display order is kept within a phase.
    public var configurationChanges: [ConfigurationChange] {
        changes.flatMap(\.operations)
            .enumerated()
            .sorted { ($0.element.phase, $0.offset) < ($1.element.phase, $1.offset) }
            .map(\.element.change)
    }
}
