import Logging
import NIOConcurrencyHelpers

/// Keeps every log record's message and metadata, for asserting on what a component logs.
public struct CapturingLogHandler: LogHandler {
    /// One log record.
    public struct Record: Sendable {
        public var level: Logger.Level
        public var message: String
        public var metadata: [String: String]
    }

    /// Where the records of every handler made with it go.
    public final class Store: Sendable {
        public let records = NIOLockedValueBox<[Record]>([])

        public init() {}

        /// Every record, oldest first.
        public var all: [Record] { records.withLockedValue { $0 } }

        /// The records whose `event` metadata is `name`.
        public func events(_ name: String) -> [Record] {
            records.withLockedValue { $0.filter { $0.metadata["event"] == name } }
        }

        /// A logger that records here.
        public func logger(label: String = "kmipgw.test") -> Logger {
            Logger(label: label) { _ in CapturingLogHandler(store: self) }
        }
    }

    let store: Store
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public init(store: Store) {
        self.store = store
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        store.records.withLockedValue {
            $0.append(Record(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}
