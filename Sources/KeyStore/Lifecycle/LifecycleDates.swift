/// The lifecycle dates of a KMIP object, as KMIP Date-Time values (seconds since the epoch).
/// They are clear columns, so Locate can filter on them without unsealing anything.
public struct LifecycleDates: Hashable, Sendable {
    public var initial: Int64
    public var activation: Int64?
    public var deactivation: Int64?
    public var compromise: Int64?
    public var compromiseOccurrence: Int64?
    public var destroy: Int64?
    public var lastChange: Int64

    public init(
        initial: Int64, activation: Int64? = nil, deactivation: Int64? = nil, compromise: Int64? = nil,
        compromiseOccurrence: Int64? = nil, destroy: Int64? = nil, lastChange: Int64
    ) {
        self.initial = initial
        self.activation = activation
        self.deactivation = deactivation
        self.compromise = compromise
        self.compromiseOccurrence = compromiseOccurrence
        self.destroy = destroy
        self.lastChange = lastChange
    }
}
