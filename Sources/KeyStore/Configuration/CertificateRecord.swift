import Foundation
import SwiftASN1

/// A client certificate registered to an adapter. Fingerprints are unique across the store.
public struct CertificateRecord: Hashable, Sendable {
    public var id: Int64
    public var adapterID: Int64
    public var instance: String
    public var adapter: String
    public var name: String
    /// SHA-256 of the DER bytes, 64 lowercase hexadecimal digits.
    public var fingerprint: String
    public var subject: String
    public var notValidBefore: Date
    public var notValidAfter: Date
    public var der: [UInt8]

    /// The certificate as PEM.
    public var pem: String {
        PEMDocument(type: "CERTIFICATE", derBytes: der).pemString + "\n"
    }
}
