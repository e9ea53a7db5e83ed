import Foundation
import KMIP
import NIOConcurrencyHelpers
import TestSupport
import Testing

@testable import KMIPServer

/// The pinning decision alone: fingerprint lookup and validity window.
@Suite struct FingerprintVerifierTests {
    let cert: TestCertificates.Issued
    let registry: NIOLockedValueBox<ClientRegistry>

    init() throws {
        cert = try TestCertificates.selfSigned()
        registry = NIOLockedValueBox(ClientRegistry([
            ClientRegistry.Entry(
                identity: ClientIdentity(fingerprint: cert.fingerprint.uppercased(), instance: "i", adapter: "a", binding: ClientBinding(rawValue: 7)),
                notValidBefore: Date(timeIntervalSince1970: 1000), notValidAfter: Date(timeIntervalSince1970: 2000)
            ),
        ]))
    }

    func verdict(at seconds: TimeInterval, der: [UInt8]?) -> FingerprintVerifier.Verdict {
        FingerprintVerifier(registry: registry, now: { Date(timeIntervalSince1970: seconds) }).verdict(leafDER: der)
    }

    @Test func fingerprintIsTheSHA256OfTheDER() {
        #expect(CertificateFingerprint.sha256(der: cert.der) == cert.fingerprint)
    }

    @Test func registeredCertificateInsideItsValidityIsAccepted() {
        guard case .accepted(let identity) = verdict(at: 1500, der: cert.der) else {
            Issue.record("expected acceptance")
            return
        }
        #expect(identity.binding == ClientBinding(rawValue: 7))
        #expect(identity.fingerprint == cert.fingerprint)
    }

    @Test func everyOtherCaseIsRefusedWithItsReason() throws {
        #expect(verdict(at: 999, der: cert.der) == .refused(.notYetValid, fingerprint: cert.fingerprint))
        #expect(verdict(at: 2001, der: cert.der) == .refused(.expired, fingerprint: cert.fingerprint))
        let other = try TestCertificates.selfSigned()
        #expect(verdict(at: 1500, der: other.der) == .refused(.unknownCertificate, fingerprint: other.fingerprint))
        #expect(verdict(at: 1500, der: nil) == .refused(.noCertificate, fingerprint: nil))
    }

    @Test func aSwappedRegistryAppliesToTheNextVerdict() {
        registry.withLockedValue { $0 = ClientRegistry() }
        #expect(verdict(at: 1500, der: cert.der) == .refused(.unknownCertificate, fingerprint: cert.fingerprint))
    }
}
