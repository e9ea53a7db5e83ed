import Crypto
import Foundation
import SwiftASN1
import X509

/// The KMIP endpoint's TLS certificate and key: what `kmipgw init` makes (or copies from the
/// operator), and what an operator uploads to vCenter as the KMS certificate.
public struct ServerIdentity: Sendable {
    /// The certificate as PEM.
    public var certificatePEM: String
    /// The private key as PKCS#8 PEM.
    public var privateKeyPEM: String
    /// SHA-256 of the certificate's DER bytes, 64 lowercase hexadecimal digits.
    public var fingerprint: String

    /// A self-signed ECDSA P-256 certificate: SAN `localhost`, `127.0.0.1` and `hostName`,
    /// EKU serverAuth and clientAuth, valid from an hour ago for `validityDays`.
    public static func generate(hostName: String, now: Date = Date(), validityDays: Int = 1826) throws -> ServerIdentity {
        let key = P256.Signing.PrivateKey()
        do {
            let name = try DistinguishedName {
                CommonName(hostName.isEmpty ? "localhost" : hostName)
                OrganizationName("kmipgw")
            }
            var names: [GeneralName] = [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]
            if !hostName.isEmpty, hostName != "localhost" { names.append(.dnsName(hostName)) }
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: Certificate.PublicKey(key.publicKey),
                notValidBefore: now.addingTimeInterval(-3600),
                notValidAfter: now.addingTimeInterval(TimeInterval(validityDays) * 86_400),
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    // Self-signed and its own trust anchor: clients (vCenter, PyKMIP, `kmipgw client --ca`)
                    // trust it by importing this very certificate, and BoringSSL accepts an anchor only
                    // if it may sign certificates. Path length 0: it can sign nothing below itself.
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
                    try ExtendedKeyUsage([.serverAuth, .clientAuth])
                    SubjectAlternativeNames(names)
                },
                issuerPrivateKey: Certificate.PrivateKey(key)
            )
            let pem = try certificate.serializeAsPEM().pemString + "\n"
            return try ServerIdentity(certificatePEM: pem, privateKeyPEM: key.pemRepresentation + "\n")
        } catch let error as KeyStoreError {
            throw error
        } catch {
            throw KeyStoreError(.invalidCertificate, "cannot make the server certificate: \(error)")
        }
    }

    /// An identity from PEM text, checking that the certificate parses and gives its fingerprint.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        let certificate: ParsedCertificate
        do {
            certificate = try ParsedCertificate(derEncoded: PEMDocument(pemString: certificatePEM).derBytes)
        } catch {
            throw KeyStoreError(.invalidCertificate, "the server certificate is not a PEM X.509 certificate")
        }
        guard privateKeyPEM.contains("PRIVATE KEY-----") else {
            throw KeyStoreError(.invalidCertificate, "the server key is not a PEM private key")
        }
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.fingerprint = certificate.fingerprint
    }
}
