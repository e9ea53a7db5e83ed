/// How much one run of `validate` (and the validation that starts `plan` and `apply`) reads
/// before it refuses, whatever the files hold: a hostile or broken configuration is answered
/// within seconds and a bounded amount of memory instead of costing minutes and gigabytes.
///
/// The defaults are far above any real configuration: a maximal instance (200 adapters of 200
/// certificates, about 29 MB of YAML) is about 200,000 nodes.
public struct ValidationBudget: Hashable, Sendable {
    /// The bytes of every file of the run together.
    public var bytes: Int
    /// The nodes of every file of the run together, counted both as written and with every
    /// alias expanded; whichever is larger is charged.
    public var nodes: Int
    /// How many diagnostics a report lists; the rest are only counted.
    public var diagnostics: Int

    /// The budget of one run; the defaults are what `kmipgw validate` uses.
    public init(bytes: Int = 64 << 20, nodes: Int = 500_000, diagnostics: Int = 100) {
        self.bytes = bytes
        self.nodes = nodes
        self.diagnostics = diagnostics
    }
}
