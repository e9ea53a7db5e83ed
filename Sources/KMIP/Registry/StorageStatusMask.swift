/// The Storage Status Mask of a Locate request: which storage a search covers.
public struct StorageStatusMask: OptionSet, Hashable, Sendable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let onlineStorage = StorageStatusMask(rawValue: 0x1)
    public static let archivalStorage = StorageStatusMask(rawValue: 0x2)

    public static let names: [(Int32, String)] = [(0x1, "OnlineStorage"), (0x2, "ArchivalStorage")]
}
