import Crypto
import Foundation
import KMIP
import SwiftASN1
import X509

/// Client certificates made in-process for tests, so no fixture on disk can go stale.
public enum TestCertificates {
    /// A certificate with its key and the encodings tests compare against.
    public struct Issued: Sendable {
        /// The parsed certificate.
        public var certificate: Certificate
        /// Its private key (P-256).
        public var privateKey: P256.Signing.PrivateKey
        /// The certificate's DER bytes.
        public var der: [UInt8]
        /// The certificate as PEM (`-----BEGIN CERTIFICATE-----` …), newline-terminated.
        public var pem: String
        /// The private key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
        public var privateKeyPEM: String
        /// `CertificateFingerprint` of ``der``.
        public var fingerprint: String
    }

    /// A self-signed ECDSA P-256 client certificate (EKU clientAuth), the shape vCenter makes.
    ///
    /// - Parameters:
    ///   - commonName: The subject and issuer CN.
    ///   - notValidBefore: Start of validity; an hour ago by default.
    ///   - notValidAfter: End of validity; a year from now by default.
    public static func selfSigned(
        commonName: String = "kmipgw-test-client",
        notValidBefore: Date = Date(timeIntervalSinceNow: -3600),
        notValidAfter: Date = Date(timeIntervalSinceNow: 365 * 86_400)
    ) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName(commonName) }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: notValidBefore,
            notValidAfter: notValidAfter,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.clientAuth])
            },
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let der = serializer.serializedBytes
        return Issued(
            certificate: certificate,
            privateKey: key,
            der: der,
            pem: try certificate.serializeAsPEM().pemString + "\n",
            privateKeyPEM: key.pemRepresentation + "\n",
            fingerprint: CertificateFingerprint.sha256(der: der)
        )
    }

    /// Whether a PEM private key (P-256; `#` comment lines allowed before it) belongs to the
    /// certificate with this DER: for checking shipped demo pairs.
    public static func privateKey(_ keyPEM: String, matchesCertificateDER der: [UInt8]) throws -> Bool {
        let pem = keyPEM.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        let key = try P256.Signing.PrivateKey(pemRepresentation: pem)
        let certificate = try Certificate(derEncoded: der)
        return certificate.publicKey == Certificate.PublicKey(key.publicKey)
    }

    /// `count` distinct certificates named `prefix-0`, `prefix-1`, …
    public static func many(_ count: Int, prefix: String = "client") throws -> [Issued] {
        try (0..<count).map { try selfSigned(commonName: "\(prefix)-\($0)") }
    }
}
