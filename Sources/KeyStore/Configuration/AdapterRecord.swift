import Foundation

/// A stored adapter (configuration row, clear).
public struct AdapterRecord: Hashable, Sendable {
    public var id: Int64
    public var instanceID: Int64
    public var instance: String
    public var name: String
    public var description: String?
    /// The root key new objects are sealed under; `nil` once that root key was deleted.
    public var rootKeyID: Int64?
    public var rootKey: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The adapter's quotas (the defaults where the configuration set none).
    public var limits: AdapterLimits = .default
}
