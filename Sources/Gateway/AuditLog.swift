#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KMIP
import Logging
import Metrics
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
///
/// A write that fails (a full disk, a closed pipe) never stops the server. The lines not written
/// stay buffered, up to ``maximumPendingBytes``, and are written once a write succeeds again;
/// until then ``isFailing`` is true, and with ``FailurePolicy/refuse`` (the default) the gateway
/// refuses every request rather than serve one it cannot audit. Each failed write counts in
/// `kmipgw_audit_write_failures_total`, each line given up in `kmipgw_audit_lines_dropped_total`,
/// and the first failure of a run of them, and the recovery, are logged.
public final class AuditLog: Service, Sendable {
    /// What happens to a request while the audit log cannot be written.
    public enum FailurePolicy: String, Sendable, CaseIterable {
        /// Refused with General Failure, without being run: no unaudited key operation.
        case refuse
        /// Served; its line is kept for a later write while the buffer has room, else dropped.
        case `continue`
    }

    private struct Buffered: Sendable {
        var pending: [UInt8] = []
        /// Why the last write failed; `nil` once a write succeeds.
        var failure: String?
    }

    private enum Output: Sendable {
        /// Each line handed over as it is made (tests, custom sinks).
        case lines(@Sendable (String) -> Void)
        /// Lines gathered and written in batches to a file descriptor.
        case buffered(NIOLockedValueBox<Buffered>, Int32)
    }

    private let output: Output
    /// How often buffered lines are written out.
    public let flushInterval: Duration
    /// What happens to requests while writes fail.
    public let failurePolicy: FailurePolicy
    /// Bytes of unwritten lines kept while writes fail; lines past it are dropped and counted.
    public let maximumPendingBytes: Int
    private let logger: Logger
    private let writeFailures: Counter
    private let droppedLines: Counter
    private let flushing = NIOLock()

    /// - Parameter sink: receives each line, newline excluded, as soon as it is made.
    public init(sink: @escaping @Sendable (String) -> Void) {
        self.output = .lines(sink)
        self.flushInterval = .milliseconds(200)
        self.failurePolicy = .refuse
        self.maximumPendingBytes = 0
        self.logger = Logger(label: "kmipgw.audit")
        self.writeFailures = Counter(label: "kmipgw_audit_write_failures_total", factory: NOOPMetricsHandler.instance)
        self.droppedLines = Counter(label: "kmipgw_audit_lines_dropped_total", factory: NOOPMetricsHandler.instance)
    }

    /// A log that writes to an open file descriptor (standard error is 2). It does not close it.
    public init(
        fileDescriptor: Int32, flushInterval: Duration = .milliseconds(200), failurePolicy: FailurePolicy = .refuse,
        maximumPendingBytes: Int = 16 << 20, logger: Logger = Logger(label: "kmipgw.audit"),
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.output = .buffered(NIOLockedValueBox(Buffered()), fileDescriptor)
        self.flushInterval = flushInterval
        self.failurePolicy = failurePolicy
        self.maximumPendingBytes = maximumPendingBytes
        self.logger = logger
        self.writeFailures = Counter(label: "kmipgw_audit_write_failures_total", factory: metricsFactory)
        self.droppedLines = Counter(label: "kmipgw_audit_lines_dropped_total", factory: metricsFactory)
    }

    /// A log that appends to a file (created 0600 if missing), or writes to standard error for `-`.
    /// Run it as a service so that its lines are written out.
    public static func file(
        _ path: String, flushInterval: Duration = .milliseconds(200), failurePolicy: FailurePolicy = .refuse,
        logger: Logger = Logger(label: "kmipgw.audit"), metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) throws -> AuditLog {
        var descriptor = STDERR_FILENO
        if path != "-" {
            descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedFailureReasonErrorKey: String(cString: strerror(errno))])
            }
        }
        return AuditLog(
            fileDescriptor: descriptor, flushInterval: flushInterval, failurePolicy: failurePolicy, logger: logger,
            metricsFactory: metricsFactory)
    }

    /// Whether the last write failed: lines are waiting, and with ``FailurePolicy/refuse``
    /// requests are refused.
    public var isFailing: Bool {
        guard case .buffered(let box, _) = output else { return false }
        return box.withLockedValue { $0.failure != nil }
    }

    /// Writes buffered lines every ``flushInterval`` until shutdown, then writes what is left.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: flushInterval)
            flush()
        }
        flush()
    }

    /// Writes out every buffered line now, or as many as the file takes. Never throws or traps:
    /// a failure is recorded, counted and logged, and the lines stay for the next attempt.
    public func flush() {
        guard case .buffered(let box, let descriptor) = output else { return }
        // One flush at a time, so that lines stay in order; the write itself runs outside the
        // buffer's lock, so a slow file never holds up record() on the request path.
        flushing.withLock {
            let pending = box.withLockedValue { state -> [UInt8] in
                defer { state.pending.removeAll(keepingCapacity: true) }
                return state.pending
            }
            guard !pending.isEmpty else { return }
            let (written, error) = Self.writeOut(pending, to: descriptor)
            let (firstFailure, recovered) = box.withLockedValue { state -> (String?, Bool) in
                guard let error else {
                    defer { state.failure = nil }
                    return (nil, state.failure != nil)
                }
                state.pending.insert(contentsOf: pending[written...], at: 0)
                defer { state.failure = error }
                return (state.failure == nil ? error : nil, false)
            }
            if recovered { logger.notice("the audit log is written again") }
            guard error != nil else { return }
            writeFailures.increment()
            if let firstFailure {
                logger.error(
                    "the audit log cannot be written; its lines are kept for a later write",
                    metadata: ["cause": "\(firstFailure)", "policy": "\(failurePolicy.rawValue)"])
            }
        }
    }

    /// Writes `bytes` to `descriptor`: how many were written, and why the rest were not.
    private static func writeOut(_ bytes: [UInt8], to descriptor: Int32) -> (Int, String?) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return (written, String(cString: strerror(errno)))
            }
            written += result
        }
        return (written, nil)
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
        case .buffered(let box, _):
            line.append(UInt8(ascii: "\n"))
            let kept = box.withLockedValue { state -> Bool in
                guard state.pending.count + line.count <= maximumPendingBytes || state.failure == nil else { return false }
                state.pending.append(contentsOf: line)
                return true
            }
            if !kept { droppedLines.increment() }
        }
    }
}
