import Foundation
import KMIP
import NIOConcurrencyHelpers
import NIOCore
import Operations
import ServiceLifecycle

/// The audit log: one JSON object per line — time, peer, instance, adapter, certificate
/// fingerprint, operation, object identifier, result, and for a wrapped Get the wrapping key.
/// Never key material: the events it is given carry none.
///
/// Lines are formatted by hand and, for a file or standard error, collected in memory and written
/// by ``run()`` every ``flushInterval`` (and at shutdown): a profile of `kmipgw serve` under Get
/// load showed JSONEncoder and one write(2) per line taking 16% of the server's CPU.
public final class AuditLog: Service, Sendable {
    private enum Output: Sendable {
        /// Each line handed over as it is made (tests, custom sinks).
        case lines(@Sendable (String) -> Void)
        /// Lines gathered and written in batches.
        case buffered(NIOLockedValueBox<[UInt8]>, @Sendable ([UInt8]) -> Void)
    }

    private let output: Output
    /// How often buffered lines are written out.
    public let flushInterval: Duration

    /// - Parameter sink: receives each line, newline excluded, as soon as it is made.
    public init(sink: @escaping @Sendable (String) -> Void) {
        self.output = .lines(sink)
        self.flushInterval = .milliseconds(200)
    }

    private init(writer: @escaping @Sendable ([UInt8]) -> Void, flushInterval: Duration) {
        self.output = .buffered(NIOLockedValueBox([]), writer)
        self.flushInterval = flushInterval
    }

    /// A log that appends to a file (created 0600 if missing), or writes to standard error for `-`.
    /// Run it as a service so that its lines are written out.
    public static func file(_ path: String, flushInterval: Duration = .milliseconds(200)) throws -> AuditLog {
        if path == "-" {
            return AuditLog(writer: { FileHandle.standardError.write(Data($0)) }, flushInterval: flushInterval)
        }
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        let box = NIOLockedValueBox(handle)
        return AuditLog(writer: { bytes in box.withLockedValue { $0.write(Data(bytes)) } }, flushInterval: flushInterval)
    }

    /// Writes buffered lines every ``flushInterval`` until shutdown, then writes what is left.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: flushInterval)
            flush()
        }
        flush()
    }

    /// Writes out every buffered line now.
    public func flush() {
        guard case .buffered(let buffer, let writer) = output else { return }
        let pending = buffer.withLockedValue { bytes -> [UInt8] in
            defer { bytes.removeAll(keepingCapacity: true) }
            return bytes
        }
        if !pending.isEmpty { writer(pending) }
    }

    func record(_ event: AuditEvent, fingerprint: String, peer: SocketAddress?) {
        // Built as bytes with one allocation: this runs once per batch item on the request path.
        var line: [UInt8] = []
        line.reserveCapacity(320)
        func field(_ name: StaticString, _ value: String) {
            line.append(contentsOf: UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            TTLVText.appendJSONStringLiteral(value, to: &line)
        }
        field("{\"adapter\":", event.adapter)
        field(",\"fingerprint\":", fingerprint)
        field(",\"instance\":", event.instance)
        if let object = event.objectIdentifier { field(",\"object\":", object) }
        field(",\"operation\":", event.operationName)
        if let peer { field(",\"peer\":", "\(peer.ipAddress ?? "?"):\(peer.port ?? 0)") }
        if let reason = event.reason { field(",\"reason\":", reason) }
        field(",\"result\":", event.result)
        line.append(contentsOf: ",\"time\":\"".utf8)
        ISO8601Seconds.append(Int64(event.time.timeIntervalSince1970.rounded(.down)), to: &line)
        line.append(contentsOf: "\"".utf8)
        if let wrapping = event.wrappingKeyIdentifier { field(",\"wrappedBy\":", wrapping) }
        line.append(contentsOf: "}".utf8)
        switch output {
        case .lines(let sink):
            sink(String(decoding: line, as: UTF8.self))
        case .buffered(let buffer, _):
            line.append(UInt8(ascii: "\n"))
            buffer.withLockedValue { $0.append(contentsOf: line) }
        }
    }
}
