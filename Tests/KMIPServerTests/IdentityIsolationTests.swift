import KMIP
import KMIPClient
import KMIPServer
import NIOCore
import TestSupport
import Testing

/// Each connection is bound to the identity of its own certificate.
@Suite struct IdentityIsolationTests {
    @Test func twoClientsOfTwoAdaptersEachSeeTheirOwnIdentity() async throws {
        let first = try TestCertificates.selfSigned(commonName: "one")
        let second = try TestCertificates.selfSigned(commonName: "two")
        let harness = try TestServerHarness(registry: ClientRegistry([
            .test(first, instance: "vc1", adapter: "alpha", binding: 1), .test(second, instance: "vc2", adapter: "beta", binding: 2),
        ]))
        try await harness.run { harness, port in
            let a = try await harness.client(first, port: port).connect()
            let b = try await harness.client(second, port: port).connect()
            for _ in 0..<3 {
                async let fromA = a.query().vendorIdentification
                async let fromB = b.query().vendorIdentification
                #expect(try await fromA == "vc1/alpha/1")
                #expect(try await fromB == "vc2/beta/2")
            }
            await a.close()
            await b.close()
            let byFingerprint = Dictionary(grouping: harness.handler.recorded, by: \.client.fingerprint)
            #expect(byFingerprint[first.fingerprint]?.allSatisfy { $0.client.adapter == "alpha" } == true)
            #expect(byFingerprint[second.fingerprint]?.allSatisfy { $0.client.adapter == "beta" } == true)
            #expect(byFingerprint[first.fingerprint]?.count == 3)
        }
    }
}
