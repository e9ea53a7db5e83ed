import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Operations

/// The audit log: one JSON object per line — time, peer, instance, adapter, certificate
/// fingerprint, operation, object identifier, result. Never key material: the events it is given
/// carry none.
public final class AuditLog: Sendable {
    private let sink: @Sendable (String) -> Void
    private let encoder: NIOLockedValueBox<JSONEncoder>

    /// - Parameter sink: receives each line, newline excluded (a file, standard error, a test buffer).
    public init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        self.encoder = NIOLockedValueBox(encoder)
    }

    /// A log that appends to a file (created 0600 if missing), or writes to standard error for `-`.
    public static func file(_ path: String) throws -> AuditLog {
        if path == "-" {
            return AuditLog { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        let box = NIOLockedValueBox(handle)
        return AuditLog { line in box.withLockedValue { $0.write(Data((line + "\n").utf8)) } }
    }

    struct Line: Encodable {
        var time: Date
        var peer: String?
        var instance: String
        var adapter: String
        var fingerprint: String
        var operation: String
        var object: String?
        var result: String
        var reason: String?
    }

    func record(_ event: AuditEvent, fingerprint: String, peer: SocketAddress?) {
        let line = Line(
            time: event.time, peer: peer.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" }, instance: event.instance,
            adapter: event.adapter, fingerprint: fingerprint, operation: event.operation, object: event.objectIdentifier,
            result: event.result, reason: event.reason)
        guard let data = encoder.withLockedValue({ try? $0.encode(line) }) else { return }
        sink(String(decoding: data, as: UTF8.self))
    }
}
