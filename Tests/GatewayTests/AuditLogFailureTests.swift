#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Gateway
import KMIP
import KMIPServer
import KeyStore
import Logging
import MetricsTestKit
import NIOCore
import Operations
import TTLV
import TestSupport
import Testing

/// A failing audit log never crashes the server, and a request it cannot audit is refused
/// (issue 11, finding 7).
@Suite struct AuditLogFailureTests {
    struct Fixture {
        let directory: TemporaryDirectory
        let store: SQLiteStore
        let adapterID: Int64
        let client: ClientIdentity

        static func make() async throws -> Fixture {
            let directory = try TemporaryDirectory(prefix: "kmipgw-audit")
            let location = StoreLocation(directory: directory.file("state"))
            _ = try StateInitializer(location: location).run(hostName: "test-host")
            let store = try SQLiteStore.open(location)
            _ = try await store.apply([
                .createInstance(name: "prod", description: nil),
                .createRootKey(instance: "prod", name: "root"),
                .createAdapter(instance: "prod", name: "vc", description: nil, rootKey: "root"),
            ])
            let adapter = try #require(try store.configuration().adapters.first)
            return Fixture(
                directory: directory, store: store, adapterID: adapter.id,
                client: ClientIdentity(fingerprint: "ab", instance: "prod", adapter: "vc", binding: ClientBinding(rawValue: adapter.id)))
        }

        /// Sends one Create and returns its batch item.
        func create(through handler: GatewayHandler) async throws -> ResponseBatchItem {
            let request = RequestMessage(version: .v1_4, payloads: [CreateRequest(
                objectType: .symmetricKey, templateAttribute: TemplateAttribute(attributes: [
                    Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes), Attribute(.cryptographicLength, 256 as Int32),
                ]))])
            let response = try ResponseMessage(bytes: await handler.handle(request.encoded(), from: client, peer: nil))
            return try #require(response.batchItems.first)
        }

        var objects: Int { (try? store.objectSummaries(adapterID: adapterID).count) ?? -1 }
    }

    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// `/dev/full` fails every write with ENOSPC, as a full disk does (Linux and the BSDs).
    static let hasDevFull = FileManager.default.fileExists(atPath: "/dev/full")

    @Test(.enabled(if: hasDevFull)) func aFullDiskNeitherCrashesTheServerNorLetsAnUnauditedRequestThrough() async throws {
        let fixture = try await Fixture.make()
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let metrics = TestMetrics()
        let audit = AuditLog(fileDescriptor: full, logger: Self.quiet, metricsFactory: metrics)
        let handler = GatewayHandler(processor: RequestProcessor(store: fixture.store), audit: audit, metricsFactory: metrics)
        #expect(try await fixture.create(through: handler).resultStatus == .success)
        audit.flush()
        #expect(audit.isFailing)
        let refused = try await fixture.create(through: handler)
        #expect(refused.resultReason == .generalFailure)
        #expect(refused.resultMessage?.contains("cannot write its audit log") == true)
        #expect(fixture.objects == 1)
        #expect(metrics.counterTotal(label: "kmipgw_audit_write_failures_total") == 1)
        #expect(metrics.counterTotal(label: "kmipgw_audit_refused_requests_total") == 1)
    }

    @Test(.enabled(if: hasDevFull)) func withContinueRequestsAreServedAndLinesPastTheBufferAreCounted() async throws {
        let fixture = try await Fixture.make()
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let metrics = TestMetrics()
        let audit = AuditLog(
            fileDescriptor: full, failurePolicy: .continue, maximumPendingBytes: 0, logger: Self.quiet, metricsFactory: metrics)
        let handler = GatewayHandler(processor: RequestProcessor(store: fixture.store), audit: audit, metricsFactory: metrics)
        #expect(try await fixture.create(through: handler).resultStatus == .success)
        audit.flush()
        #expect(audit.isFailing)
        #expect(try await fixture.create(through: handler).resultStatus == .success)
        #expect(fixture.objects == 2)
        #expect(metrics.counterTotal(label: "kmipgw_audit_lines_dropped_total") == 1)
    }

    @Test func aClosedPipeDoesNotKillTheServerAndAPipeThatDrainsRecoversWithEveryLine() async throws {
        // What `kmipgw serve` does at startup: a write to a closed pipe then fails with EPIPE.
        signal(SIGPIPE, SIG_IGN)
        let fixture = try await Fixture.make()
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let closed = AuditLog(fileDescriptor: ends[1], logger: Self.quiet, metricsFactory: TestMetrics())
        let handler = GatewayHandler(processor: RequestProcessor(store: fixture.store), audit: closed, metricsFactory: TestMetrics())
        _ = try await fixture.create(through: handler)
        closed.flush()
        #expect(closed.isFailing)

        // A pipe nobody reads fills up; once it is read again, the lines kept arrive, in order.
        var busy: [Int32] = [0, 0]
        try #require(pipe(&busy) == 0)
        defer { close(busy[0]); close(busy[1]) }
        _ = fcntl(busy[1], F_SETFL, fcntl(busy[1], F_GETFL) | O_NONBLOCK)
        _ = fcntl(busy[0], F_SETFL, fcntl(busy[0], F_GETFL) | O_NONBLOCK)
        let filler = [UInt8](repeating: UInt8(ascii: "."), count: 4096)
        var filled = 0
        while true {
            let written = filler.withUnsafeBytes { write(busy[1], $0.baseAddress, $0.count) }
            if written <= 0 { break }
            filled += written
        }
        // A write of up to 4 KiB is all or nothing: fill the last bytes one by one.
        var dot = UInt8(ascii: ".")
        while write(busy[1], &dot, 1) == 1 { filled += 1 }
        let audit = AuditLog(fileDescriptor: busy[1], logger: Self.quiet, metricsFactory: TestMetrics())
        let gateway = GatewayHandler(processor: RequestProcessor(store: fixture.store), audit: audit, metricsFactory: TestMetrics())
        #expect(try await fixture.create(through: gateway).resultStatus == .success)
        audit.flush()
        #expect(audit.isFailing)
        #expect(try await fixture.create(through: gateway).resultReason == .generalFailure)
        var drained: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(busy[0], $0.baseAddress, $0.count) }
            if got <= 0 { break }
            drained += chunk[..<got]
        }
        #expect(drained.count >= filled)
        audit.flush()
        #expect(!audit.isFailing)
        var lines: [UInt8] = []
        while true {
            let got = chunk.withUnsafeMutableBytes { read(busy[0], $0.baseAddress, $0.count) }
            if got <= 0 { break }
            lines += chunk[..<got]
        }
        let text = String(decoding: drained.dropFirst(filled) + lines, as: UTF8.self)
        let results = text.split(separator: "\n").map { $0.contains("\"result\":\"Success\"") }
        #expect(results == [true, false])
        #expect(try await fixture.create(through: gateway).resultStatus == .success)
    }
}
