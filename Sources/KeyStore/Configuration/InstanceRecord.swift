import Foundation

/// A stored instance (configuration row, clear).
public struct InstanceRecord: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var description: String?
    public var createdAt: Date
    public var updatedAt: Date
}
