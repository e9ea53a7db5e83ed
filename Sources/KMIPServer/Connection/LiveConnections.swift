import NIOConcurrencyHelpers
import NIOCore

/// Every open connection, with the identity it was bound to once its handshake finished.
///
/// Reload closes the connections whose identity the new registry no longer holds; shutdown
/// quiesces all of them; the count enforces the connection limit.
final class LiveConnections: Sendable {
    /// A connection's handle in this table.
    struct ID: Hashable, Sendable {
        fileprivate let value: UInt64
    }

    private struct Entry {
        var channel: any Channel
        var identity: ClientIdentity?
    }

    private struct Table {
        var nextID: UInt64 = 0
        var entries: [ID: Entry] = [:]
        /// Once set, nothing more is admitted.
        var closedForShutdown = false
    }

    private let table = NIOLockedValueBox(Table())
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    var count: Int { table.withLockedValue { $0.entries.count } }

    /// Records a new connection, or returns `nil` when the limit is reached or the server is stopping.
    func admit(_ channel: any Channel) -> ID? {
        table.withLockedValue { table in
            guard !table.closedForShutdown, table.entries.count < limit else { return nil }
            table.nextID += 1
            let id = ID(value: table.nextID)
            table.entries[id] = Entry(channel: channel, identity: nil)
            return id
        }
    }

    /// Binds a connection to the identity its handshake established.
    func bind(_ id: ID, to identity: ClientIdentity) {
        table.withLockedValue { $0.entries[id]?.identity = identity }
    }

    func release(_ id: ID) {
        table.withLockedValue { _ = $0.entries.removeValue(forKey: id) }
    }

    /// The channels bound to an identity that `registry` no longer holds unchanged.
    func channels(revokedBy registry: ClientRegistry) -> [any Channel] {
        table.withLockedValue { table in
            table.entries.values.compactMap { entry in
                guard let identity = entry.identity, registry[identity.fingerprint]?.identity != identity else { return nil }
                return entry.channel
            }
        }
    }

    /// Stops admitting and returns every open channel.
    func closeForShutdown() -> [any Channel] {
        table.withLockedValue { table in
            table.closedForShutdown = true
            return table.entries.values.map(\.channel)
        }
    }

    var all: [any Channel] {
        table.withLockedValue { $0.entries.values.map(\.channel) }
    }
}
