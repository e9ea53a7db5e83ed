import Crypto
import Foundation
import _CryptoExtras
import NIOSSL
import SwiftASN1
import X509

/// A test PKI made in-process for mutual-TLS tests: a CA, a server certificate it signs (for
/// `localhost` and `127.0.0.1`), and NIOSSL forms of ``TestCertificates`` client certificates.
public enum TestTLS {
    /// A server identity and the CA a client verifies it with.
    public struct Server: Sendable {
        /// The CA certificate, for a client's trust store.
        public var certificateAuthority: NIOSSLCertificate
        /// The server certificate chain (leaf only: the CA is the trust root).
        public var certificateChain: [NIOSSLCertificate]
        public var privateKey: NIOSSLPrivateKey
        /// The CA as PEM, for tests that load files.
        public var certificateAuthorityPEM: String
        public var certificatePEM: String
        public var privateKeyPEM: String
    }

    /// The kind of key the server certificate carries: TLS 1.2 suites are chosen by it.
    public enum ServerKey: Sendable {
        case p256
        case rsa2048
    }

    /// A fresh CA and a server certificate for `localhost` / `127.0.0.1`, valid from an hour ago
    /// for a day.
    public static func makeServer(commonName: String = "localhost", key: ServerKey = .p256) throws -> Server {
        let now = Date()
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("kmipgw test CA") }
        let ca = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(caKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey)
        )
        let (serverPublicKey, keyPEM): (Certificate.PublicKey, String)
        switch key {
        case .p256:
            let serverKey = P256.Signing.PrivateKey()
            (serverPublicKey, keyPEM) = (Certificate.PublicKey(serverKey.publicKey), serverKey.pemRepresentation + "\n")
        case .rsa2048:
            let serverKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            (serverPublicKey, keyPEM) = (Certificate.PublicKey(serverKey.publicKey), serverKey.pemRepresentation + "\n")
        }
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: serverPublicKey,
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: caName,
            subject: try DistinguishedName { CommonName(commonName) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                // keyEncipherment too: a server that offered static-RSA key exchange would use it.
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: key == .rsa2048))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey)
        )
        let caPEM = try ca.serializeAsPEM().pemString + "\n"
        let serverPEM = try server.serializeAsPEM().pemString + "\n"
        return Server(
            certificateAuthority: try NIOSSLCertificate(bytes: Array(caPEM.utf8), format: .pem),
            certificateChain: [try NIOSSLCertificate(bytes: Array(serverPEM.utf8), format: .pem)],
            privateKey: try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem),
            certificateAuthorityPEM: caPEM, certificatePEM: serverPEM, privateKeyPEM: keyPEM
        )
    }
}

extension TestCertificates.Issued {
    /// The certificate as NIOSSL loads it.
    public func nioCertificate() throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: der, format: .der)
    }

    /// The private key as NIOSSL loads it.
    public func nioPrivateKey() throws -> NIOSSLPrivateKey {
        try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
    }
}

extension TestCertificates.Issued {
    /// The start of the certificate's validity, for registries built in tests.
    public var validFrom: Date { certificate.notValidBefore }
    /// The end of the certificate's validity.
    public var validUntil: Date { certificate.notValidAfter }
}
