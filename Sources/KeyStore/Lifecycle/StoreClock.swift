import Foundation

/// The store's source of "now", injected so tests control time. KMIP dates are whole seconds.
public struct StoreClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
    }

    /// The system clock.
    public static let system = StoreClock { Date() }

    /// A clock that always answers `date`.
    public static func fixed(_ date: Date) -> StoreClock {
        StoreClock { date }
    }

    public func now() -> Date {
        read()
    }

    /// Now as KMIP Date-Time: whole seconds since the epoch.
    func seconds() -> Int64 {
        Int64(read().timeIntervalSince1970.rounded(.down))
    }
}
