import Foundation
import KMIP
import KMIPServer
import Logging
import NIOConcurrencyHelpers
import NIOCore
import TestSupport
import Testing

/// Clients that cache TLS sessions (Java, Go, OpenSSL) resume them on the next connection. The
/// handshake's certificate check does not run on a resumed handshake, so the server checks the
/// session's certificate itself: a resumed session gets answers while its certificate is
/// registered and valid, and never reaches KMIP after that.
@Suite(.enabled(if: OpenSSLClient.isAvailable, "needs openssl"))
struct SessionResumptionTests {
    static let request = Array(RequestMessage(version: .v1_4, payloads: [DiscoverVersionsRequest()]).encoded().readableBytesView)

    struct Setup {
        let cert: TestCertificates.Issued
        let harness: TestServerHarness
        let store: CapturingLogHandler.Store
        let clock: NIOLockedValueBox<Date>
        let directory: TemporaryDirectory
        var session: String { directory.file("session.pem") }

        init() throws {
            cert = try TestCertificates.selfSigned(commonName: "caching-client")
            store = CapturingLogHandler.Store()
            let store = store
            let clock = NIOLockedValueBox(Date())
            self.clock = clock
            harness = try TestServerHarness(
                registry: ClientRegistry([.test(cert, adapter: "a1")]),
                logger: Logger(label: "kmipgw.test.resume") { _ in CapturingLogHandler(store: store) },
                now: { clock.withLockedValue { $0 } })
            directory = try TemporaryDirectory()
        }

        /// One request on a new connection that stores its session for the next one.
        func first(_ version: String, port: Int) async throws -> [UInt8] {
            try await OpenSSLClient.exchange(
                port: port, certificate: cert, request: SessionResumptionTests.request,
                arguments: [version, "-sess_out", session], in: directory)
        }

        /// One request on a new connection that offers the stored session.
        func resumed(_ version: String, port: Int) async throws -> [UInt8] {
            try await OpenSSLClient.exchange(
                port: port, certificate: cert, request: SessionResumptionTests.request,
                arguments: [version, "-sess_in", session], in: directory)
        }
    }

    @Test(arguments: ["-tls1_2", "-tls1_3"])
    func aResumedSessionIsAnswered(version: String) async throws {
        let setup = try Setup()
        try await setup.harness.run { harness, port in
            let first = try await setup.first(version, port: port)
            #expect(try ResponseMessage(bytes: ByteBuffer(bytes: first)).batchItems.count == 1)
            let answer = try await setup.resumed(version, port: port)
            #expect(try ResponseMessage(bytes: ByteBuffer(bytes: answer)).batchItems.count == 1, "resumed connection got \(answer.count) bytes")
            #expect(harness.handler.recorded.count == 2)
            #expect(await eventually { setup.store.events("close").count == 2 })
        }
        let connects = setup.store.events("connect")
        #expect(connects.map { $0.metadata["session"] } == ["new", "resumed"])
        #expect(connects.allSatisfy { $0.metadata["fingerprint"] == setup.cert.fingerprint })
    }

    @Test(arguments: ["-tls1_2", "-tls1_3"])
    func aRemovedCertificatesSessionNeverReachesKMIP(version: String) async throws {
        let setup = try Setup()
        let other = try TestCertificates.selfSigned(commonName: "other")
        try await setup.harness.run { harness, port in
            let first = try await setup.first(version, port: port)
            #expect(try ResponseMessage(bytes: ByteBuffer(bytes: first)).batchItems.count == 1)
            harness.server.updateRegistry(ClientRegistry([.test(other, adapter: "a1")]))
            #expect(try await setup.resumed(version, port: port).isEmpty)
            #expect(harness.handler.recorded.count == 1)
            #expect(await eventually { setup.store.events("close").count == 2 })
        }
        let refused = try #require(setup.store.events("handshake_refused").first)
        #expect(refused.metadata["reason"] == "certificate not registered")
        #expect(refused.metadata["fingerprint"] == setup.cert.fingerprint)
        #expect(refused.metadata["session"] == "resumed")
    }

    @Test(arguments: ["-tls1_2", "-tls1_3"])
    func anExpiredCertificatesSessionNeverReachesKMIP(version: String) async throws {
        let setup = try Setup()
        try await setup.harness.run { harness, port in
            let first = try await setup.first(version, port: port)
            #expect(try ResponseMessage(bytes: ByteBuffer(bytes: first)).batchItems.count == 1)
            setup.clock.withLockedValue { $0 = setup.cert.validUntil.addingTimeInterval(1) }
            #expect(try await setup.resumed(version, port: port).isEmpty)
            #expect(harness.handler.recorded.count == 1)
        }
        let refused = try #require(setup.store.events("handshake_refused").first)
        #expect(refused.metadata["reason"] == "certificate expired")
        #expect(refused.metadata["session"] == "resumed")
    }
}
