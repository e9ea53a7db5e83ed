/// What a plan may contain beyond creations and updates: the `--prune` and `--allow-destroy` flags.
public struct PlanOptions: Hashable, Sendable {
    /// Delete what the store holds but the files no longer name (`--prune`). Without it such
    /// things are kept and reported as ``Plan/kept``.
    public var prune: Bool
    /// Allow changes that destroy root keys or KMIP objects (`--allow-destroy`). Without it the
    /// plan still lists them, but ``Plan/refusals`` is not empty and the applier refuses.
    public var allowDestroy: Bool

    /// Creates options; both flags are off by default.
    public init(prune: Bool = false, allowDestroy: Bool = false) {
        self.prune = prune
        self.allowDestroy = allowDestroy
    }
}
