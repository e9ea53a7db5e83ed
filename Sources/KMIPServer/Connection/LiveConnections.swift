import NIOConcurrencyHelpers
import NIOCore

/// Every open connection, with the identity it was bound to once its handshake finished.
///
/// Reload closes the connections whose identity the new registry no longer holds; shutdown
/// quiesces all of them; the counts enforce the connection limits, the server's and each
/// address's. At a limit the oldest connection still in its handshake makes room: it has proved
/// nothing yet, and a host that keeps opening idle sockets must not keep everyone else out.
final class LiveConnections: Sendable {
    /// A connection's handle in this table; later connections have larger ones.
    struct ID: Hashable, Sendable, Comparable {
        fileprivate let value: UInt64

        static func < (lhs: ID, rhs: ID) -> Bool { lhs.value < rhs.value }
    }

    /// What ``admit(_:address:)`` decided.
    enum Admission {
        /// Admitted; `evicted` are the handshaking connections it displaced, to be closed.
        case admitted(ID, evicted: [any Channel])
        /// Refused: a limit is reached and every connection within it finished its handshake,
        /// or the server is stopping.
        case refused
    }

    private struct Entry {
        var channel: any Channel
        var address: String?
        var identity: ClientIdentity?
    }

    private struct Table {
        var nextID: UInt64 = 0
        var entries: [ID: Entry] = [:]
        var perAddress: [String: Int] = [:]
        /// Once set, nothing more is admitted.
        var closedForShutdown = false

        /// The oldest connection still in its handshake (from `address` only, when given).
        func oldestHandshaking(from address: String?) -> ID? {
            entries.lazy.filter { $0.value.identity == nil && (address == nil || $0.value.address == address) }.map(\.key).min()
        }

        mutating func remove(_ id: ID) -> Entry? {
            guard let entry = entries.removeValue(forKey: id) else { return nil }
            if let address = entry.address {
                perAddress[address, default: 1] -= 1
                if perAddress[address] == 0 { perAddress[address] = nil }
            }
            return entry
        }
    }

    private let table = NIOLockedValueBox(Table())
    private let limit: Int
    private let perAddressLimit: Int

    init(limit: Int, perAddressLimit: Int) {
        self.limit = limit
        self.perAddressLimit = perAddressLimit
    }

    var count: Int { table.withLockedValue { $0.entries.count } }

    /// Records a new connection from `address` (an IP address; `nil` when unknown, then only the
    /// server's limit applies), making room by evicting handshaking connections when a limit is reached.
    func admit(_ channel: any Channel, address: String?) -> Admission {
        table.withLockedValue { table in
            guard !table.closedForShutdown else { return .refused }
            var evict: [ID] = []
            if let address, table.perAddress[address, default: 0] >= perAddressLimit {
                guard let oldest = table.oldestHandshaking(from: address) else { return .refused }
                evict.append(oldest)
            }
            if table.entries.count - evict.count >= limit {
                let candidates = table.entries.lazy.filter { $0.value.identity == nil && !evict.contains($0.key) }.map(\.key)
                guard let oldest = candidates.min() else { return .refused }
                evict.append(oldest)
            }
            let evicted = evict.compactMap { table.remove($0)?.channel }
            table.nextID += 1
            let id = ID(value: table.nextID)
            table.entries[id] = Entry(channel: channel, address: address, identity: nil)
            if let address { table.perAddress[address, default: 0] += 1 }
            return .admitted(id, evicted: evicted)
        }
    }

    /// Binds a connection to the identity its handshake established.
    func bind(_ id: ID, to identity: ClientIdentity) {
        table.withLockedValue { $0.entries[id]?.identity = identity }
    }

    func release(_ id: ID) {
        table.withLockedValue { _ = $0.remove(id) }
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
