import KMIPServer
import NIOSSL
import TestSupport
import Testing

/// What a real `openssl s_client` can negotiate: only ECDHE key exchange with AEAD suites on
/// TLS 1.2, TLS 1.3 as it comes, and TLS 1.3 alone when the minimum says so.
@Suite(.enabled(if: OpenSSLClient.isAvailable, "needs openssl"))
struct CipherSuiteTests {
    /// Suites a 2010s client may still offer first. `@SECLEVEL=0` so that the refusal is the
    /// server's, not the client's own policy.
    static let weakWithECDSA = ["ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES256-SHA384"]
    static let weakWithRSA = [
        "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "AES128-SHA256",
        "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA", "DHE-RSA-AES128-GCM-SHA256",
    ]
    static let strongWithECDSA = ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305"]
    static let strongWithRSA = ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305"]

    @Test(arguments: [TestTLS.ServerKey.p256, .rsa2048])
    func tls12AcceptsOnlyECDHEWithAEAD(key: TestTLS.ServerKey) async throws {
        let cert = try TestCertificates.selfSigned(commonName: "openssl")
        let harness = try TestServerHarness(registry: ClientRegistry([.test(cert, adapter: "a1")]), serverKey: key)
        let directory = try TemporaryDirectory()
        let (weak, strong) = key == .p256 ? (Self.weakWithECDSA, Self.strongWithECDSA) : (Self.weakWithRSA, Self.strongWithRSA)
        try await harness.run { _, port in
            for suite in weak {
                let outcome = try await OpenSSLClient.handshake(
                    port: port, certificate: cert, arguments: ["-tls1_2", "-cipher", "\(suite):@SECLEVEL=0"], in: directory)
                #expect(!outcome.established, "\(suite) was accepted: \(outcome.output)")
            }
            for suite in strong {
                let outcome = try await OpenSSLClient.handshake(
                    port: port, certificate: cert, arguments: ["-tls1_2", "-cipher", suite], in: directory)
                #expect(outcome.established && outcome.cipherSuite == suite, "\(suite): \(outcome.output)")
            }
            // A client offering everything it has gets an ECDHE AEAD suite.
            let any = try await OpenSSLClient.handshake(
                port: port, certificate: cert, arguments: ["-tls1_2", "-cipher", "ALL:@SECLEVEL=0"], in: directory)
            #expect(any.established && strong.contains(any.cipherSuite ?? ""), "\(any.output)")
            let tls13 = try await OpenSSLClient.handshake(port: port, certificate: cert, arguments: ["-tls1_3"], in: directory)
            #expect(tls13.established && tls13.protocolVersion == "TLSv1.3", "\(tls13.output)")
        }
    }

    @Test func minimumTLS13RefusesTLS12() async throws {
        let cert = try TestCertificates.selfSigned(commonName: "openssl")
        let harness = try TestServerHarness(
            registry: ClientRegistry([.test(cert, adapter: "a1")]), configure: { $0.minimumTLSVersion = .tlsv13 })
        let directory = try TemporaryDirectory()
        try await harness.run { _, port in
            let tls12 = try await OpenSSLClient.handshake(port: port, certificate: cert, arguments: ["-tls1_2"], in: directory)
            #expect(!tls12.established, "\(tls12.output)")
            let tls13 = try await OpenSSLClient.handshake(port: port, certificate: cert, arguments: ["-tls1_3"], in: directory)
            #expect(tls13.established && tls13.protocolVersion == "TLSv1.3", "\(tls13.output)")
        }
    }
}
