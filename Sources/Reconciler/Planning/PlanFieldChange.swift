/// One field of a planned create or update: `description: "old" -> "new"`.
///
/// Values are configuration text (names, descriptions); never key material or PEM bodies.
public struct PlanFieldChange: Hashable, Sendable {
    /// The configuration field (`description`, `rootKey`, `name`).
    public var field: String
    /// The value in the store; `nil` when absent (and always for a create).
    public var old: String?
    /// The value in the files; `nil` when absent.
    public var new: String?

    /// Creates a field change.
    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}
