import KMIP
import KMIPClient
import KMIPServer
import NIOCore
import TestSupport
import Testing

/// Issue 11, finding 13: what `kmipgw client` falls back to without `--ca` or a state directory
/// really verifies: a gateway whose certificate the system does not trust is refused.
@Suite struct ServerVerificationTests {
    @Test func theSystemTrustStoreRefusesAGatewayItDoesNotKnow() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "vcenter")
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")]))
        try await harness.run { harness, port in
            var configuration = try harness.client(cert, port: port).configuration
            configuration.serverVerification = .systemTrustStore
            await #expect(throws: KMIPClientError.self) {
                try await KMIPClient(configuration: configuration).withConnection { _ = try await $0.discoverVersions() }
            }
            configuration.serverVerification = .none
            let versions = try await KMIPClient(configuration: configuration).withConnection {
                try await $0.discoverVersions()
            }
            #expect(versions == ProtocolVersion.supported)
        }
    }
}
