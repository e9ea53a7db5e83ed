/// What one adapter may keep: the quotas that stop one client from growing the store, or one
/// object, without bound.
///
/// The server refuses a request that would pass a limit with Permission Denied and a Result
/// Message naming the limit; nothing already stored is changed or removed when a limit is
/// lowered. The defaults suit vCenter and the other KMIP clients kmipgw serves with a wide
/// margin; docs/configuration.md explains them.
public struct AdapterLimits: Hashable, Sendable {
    /// KMIP objects the adapter may hold, destroyed ones included (their metadata stays).
    public var maximumObjects: Int
    /// Attribute instances one object may carry, the server's own (State, dates, Unique
    /// Identifier…) included.
    public var maximumAttributesPerObject: Int
    /// Bytes one attribute may take as TTLV: its name, index and value, for standard and custom
    /// (`x-`) attributes and Names alike.
    public var maximumAttributeBytes: Int

    /// 100,000 objects per adapter.
    public static let defaultMaximumObjects = 100_000
    /// 128 attributes per object: a key carries about 15 of the server's own.
    public static let defaultMaximumAttributesPerObject = 128
    /// 8 KiB per attribute, so that one object's attributes stay under about 1 MiB.
    public static let defaultMaximumAttributeBytes = 8 << 10

    /// The defaults.
    public static let `default` = AdapterLimits()

    public init(
        maximumObjects: Int = defaultMaximumObjects,
        maximumAttributesPerObject: Int = defaultMaximumAttributesPerObject,
        maximumAttributeBytes: Int = defaultMaximumAttributeBytes
    ) {
        self.maximumObjects = maximumObjects
        self.maximumAttributesPerObject = maximumAttributesPerObject
        self.maximumAttributeBytes = maximumAttributeBytes
    }
}
