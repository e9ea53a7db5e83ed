import Foundation

/// A stored root key: its name and owner only. The material is sealed and never leaves the store.
public struct RootKeyRecord: Hashable, Sendable {
    public var id: Int64
    public var instanceID: Int64
    public var instance: String
    public var name: String
    public var createdAt: Date
}
