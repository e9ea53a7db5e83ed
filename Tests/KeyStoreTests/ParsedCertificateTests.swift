import Crypto
import Foundation
import KMIP
import KeyStore
import TestSupport
import Testing

/// A certificate is parsed once, into ``ParsedCertificate``, and the store keeps what that parse
/// found (issue 12, item 4).
@Suite struct ParsedCertificateTests {
    @Test func theFingerprintIsSHA256OverTheDERInLowercaseHex() throws {
        let notValidBefore = Date(timeIntervalSince1970: 1_700_000_000)
        let notValidAfter = Date(timeIntervalSince1970: 1_900_000_000)
        let client = try TestCertificates.selfSigned(
            commonName: "vcenter-01", notValidBefore: notValidBefore, notValidAfter: notValidAfter)
        let parsed = try ParsedCertificate(derEncoded: client.der)
        // Computed here independently of CertificateFingerprint, so the one definition is checked.
        let expected = SHA256.hash(data: client.der).map { String(format: "%02x", $0) }.joined()
        #expect(parsed.fingerprint == expected)
        #expect(CertificateFingerprint.sha256(der: client.der) == expected)
        #expect(parsed.der == client.der)
        #expect(parsed.subject == "CN=vcenter-01")
        #expect(parsed.notValidBefore == notValidBefore)
        #expect(parsed.notValidAfter == notValidAfter)
    }

    @Test func theStoreKeepsTheFactsItIsHanded() async throws {
        let fixture = try await StoreFixture.make()
        let notValidBefore = Date(timeIntervalSince1970: 1_700_000_000)
        let notValidAfter = Date(timeIntervalSince1970: 1_900_000_000)
        let client = try TestCertificates.selfSigned(
            commonName: "facts", notValidBefore: notValidBefore, notValidAfter: notValidAfter)
        let parsed = try ParsedCertificate(derEncoded: client.der)
        _ = try await fixture.store.apply([
            .addCertificate(instance: "prod", adapter: "vc", name: "facts", certificate: parsed)
        ])
        let record = try #require(try fixture.store.binding(forCertificateFingerprint: parsed.fingerprint)).certificate
        #expect(record.fingerprint == parsed.fingerprint)
        #expect(record.subject == parsed.subject)
        #expect(record.notValidBefore == notValidBefore)
        #expect(record.notValidAfter == notValidAfter)
        #expect(record.der == client.der)
    }

    @Test func bytesThatAreNoCertificateAreRefused() async {
        #expect(await errorCode { _ = try ParsedCertificate(derEncoded: []) } == .invalidCertificate)
        let notACertificate: [UInt8] = [0x30, 0x03, 0x02, 0x01, 0x01]
        #expect(await errorCode { _ = try ParsedCertificate(derEncoded: notACertificate) } == .invalidCertificate)
    }
}
