/// What an apply requires of the store at the moment it commits, checked inside the write
/// transaction: a plan is computed outside it, and the store may have moved on since.
public struct ApplyConditions: Hashable, Sendable {
    /// The generation the changes were planned against; the apply is refused when the store's
    /// generation differs by then (another apply came first). `nil` skips the check.
    public var expectedGeneration: UInt64?
    /// Whether the changes may delete KMIP objects (with their adapter, root key or instance).
    /// When false, a change that would delete any object refuses the whole apply, however many
    /// objects the plan counted: clients may have created keys since.
    public var allowsDeletingObjects: Bool

    public init(expectedGeneration: UInt64?, allowsDeletingObjects: Bool) {
        self.expectedGeneration = expectedGeneration
        self.allowsDeletingObjects = allowsDeletingObjects
    }

    /// No checks: for tools and tests that build a store from scratch.
    public static let unconditional = ApplyConditions(expectedGeneration: nil, allowsDeletingObjects: true)
}
