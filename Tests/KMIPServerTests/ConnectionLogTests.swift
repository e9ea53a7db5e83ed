import KMIP
import KMIPClient
import KMIPServer
import Logging
import NIOCore
import TestSupport
import Testing

/// Connection events reach the injected Logger as metadata, with identities and never bytes.
@Suite struct ConnectionLogTests {
    @Test func refusalConnectAndCloseAreLoggedWithFingerprintAndPeer() async throws {
        let known = try TestCertificates.selfSigned(commonName: "known")
        let stranger = try TestCertificates.selfSigned(commonName: "stranger")
        let store = CapturingLogHandler.Store()
        let logger = Logger(label: "kmipgw.test.audit") { _ in CapturingLogHandler(store: store) }
        let harness = try TestServerHarness(registry: ClientRegistry([.test(known, adapter: "a1")]), logger: logger)
        try await harness.run { harness, port in
            await expectRefused(harness, stranger, port: port)
            try await harness.client(known, port: port).withConnection { _ = try await $0.discoverVersions() }
            #expect(await eventually { store.events("close").count == 2 })
        }
        let refused = try #require(store.events("handshake_refused").first)
        #expect(refused.metadata["fingerprint"] == stranger.fingerprint)
        #expect(refused.metadata["reason"] == "certificate not registered")
        #expect(refused.metadata["peer"]?.contains("127.0.0.1") == true)
        let connected = try #require(store.events("connect").first)
        #expect(connected.metadata["fingerprint"] == known.fingerprint)
        #expect(connected.metadata["adapter"] == "a1")
        #expect(store.events("close").contains { $0.metadata["adapter"] == "a1" && $0.metadata["requests"] == "1" })
    }
}
