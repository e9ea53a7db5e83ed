import Foundation
import KMIP
import KMIPClient
import KMIPServer
import NIOConcurrencyHelpers
import NIOCore
import TestSupport
import Testing

/// Mutual TLS with fingerprint pinning over real sockets.
@Suite struct PinningTests {
    @Test func pinnedClientGetsAnswersForSeveralRequestsOnOneConnection() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "vcenter")
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")]))
        try await harness.run { harness, port in
            try await harness.client(cert, port: port).withConnection { (connection) async throws in
                for _ in 0..<5 {
                    #expect(try await connection.discoverVersions() == ProtocolVersion.supported)
                }
                #expect(try await connection.query().vendorIdentification == "vc1/a1/1")
                // Pipelined: three requests in flight at once come back in order.
                async let first = connection.discoverVersions([.v1_1])
                async let second = connection.query()
                async let third = connection.discoverVersions()
                _ = try await (first, second, third)
            }
            #expect(harness.handler.recorded.count == 9)
            #expect(harness.handler.recorded.allSatisfy { $0.client.fingerprint == cert.fingerprint })
        }
    }

    @Test func unknownCertificateFailsTheHandshakeAndNeverReachesTheHandler() async throws {
        let registered = try TestCertificates.selfSigned(commonName: "registered")
        let stranger = try TestCertificates.selfSigned(commonName: "stranger")
        let harness = try TestServerHarness(registry: ClientRegistry([.test(registered, adapter: "a1")]))
        try await harness.run { harness, port in
            await expectRefused(harness, stranger, port: port)
            #expect(harness.handler.startedCount == 0)
            // The server is unharmed.
            try await harness.client(registered, port: port).withConnection { _ = try await $0.discoverVersions() }
        }
    }

    @Test func expiredAndNotYetValidCertificatesAreRefused() async throws {
        let expired = try TestCertificates.selfSigned(
            commonName: "expired", notValidBefore: Date(timeIntervalSinceNow: -7200), notValidAfter: Date(timeIntervalSinceNow: -3600)
        )
        let future = try TestCertificates.selfSigned(
            commonName: "future", notValidBefore: Date(timeIntervalSinceNow: 3600), notValidAfter: Date(timeIntervalSinceNow: 7200)
        )
        let harness = try TestServerHarness(registry: ClientRegistry([.test(expired, adapter: "a1"), .test(future, adapter: "a2")]))
        try await harness.run { harness, port in
            await expectRefused(harness, expired, port: port)
            await expectRefused(harness, future, port: port)
            #expect(harness.handler.startedCount == 0)
        }
    }

    @Test func aCertificateThatExpiresWhileConnectedGetsNoFurtherAnswer() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "expiring")
        // The server's clock, moved by hand: the test must not depend on how fast a loaded machine runs.
        let clock = NIOLockedValueBox(Date())
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")]), now: { clock.withLockedValue { $0 } })
        try await harness.run { harness, port in
            // connect/close, not withConnection: closing a connection the server already closed may throw.
            let connection = try await harness.client(cert, port: port).connect()
            #expect(try await connection.discoverVersions() == ProtocolVersion.supported)
            clock.withLockedValue { $0 = cert.validUntil.addingTimeInterval(1) }
            await #expect(throws: KMIPClientError.self) { _ = try await connection.discoverVersions() }
            await connection.close()
            #expect(harness.handler.recorded.count == 1)
            // And the same certificate can no longer connect at all.
            await expectRefused(harness, cert, port: port)
        }
    }

    @Test func registryEntryBuiltFromNIOSSLCertificateMatchesTheFingerprint() throws {
        let cert = try TestCertificates.selfSigned()
        let entry = try ClientRegistry.Entry(certificate: cert.nioCertificate(), instance: "i", adapter: "a", binding: ClientBinding(rawValue: 7))
        #expect(entry.identity.fingerprint == cert.fingerprint)
        #expect(abs(entry.notValidAfter.timeIntervalSince(cert.validUntil)) < 1)
    }
}

/// The certificate cannot get a request answered: with TLS 1.3 the refusal may show on connect
/// or on the first request.
func expectRefused(_ harness: TestServerHarness, _ certificate: TestCertificates.Issued, port: Int) async {
    await #expect(throws: KMIPClientError.self) {
        try await harness.client(certificate, port: port).withConnection { _ = try await $0.discoverVersions() }
    }
}
