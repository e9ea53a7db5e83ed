import Foundation
import KMIP
import NIOSSL

/// The registered client certificates: fingerprint → who it is and when it may connect.
///
/// An immutable value; the server swaps a whole new one in on reload
/// (``KMIPServer/updateRegistry(_:)``), so a handshake always sees one consistent set.
public struct ClientRegistry: Sendable, Hashable {
    /// One registered certificate.
    public struct Entry: Sendable, Hashable {
        public var identity: ClientIdentity
        /// Handshakes before this instant are refused.
        public var notValidBefore: Date
        /// Handshakes after this instant are refused.
        public var notValidAfter: Date

        public init(identity: ClientIdentity, notValidBefore: Date, notValidAfter: Date) {
            self.identity = identity
            self.notValidBefore = notValidBefore
            self.notValidAfter = notValidAfter
        }

        /// An entry for `certificate`, with its fingerprint and validity read from the certificate.
        public init(
            certificate: NIOSSLCertificate, instance: String, adapter: String, binding: ClientBinding
        ) throws {
            self.init(
                identity: ClientIdentity(
                    fingerprint: CertificateFingerprint.sha256(der: try certificate.toDERBytes()),
                    instance: instance, adapter: adapter, binding: binding
                ),
                notValidBefore: Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore)),
                notValidAfter: Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
            )
        }
    }

    /// Entries by lowercase hex fingerprint.
    public private(set) var entries: [String: Entry]

    /// An empty registry: every handshake is refused.
    public init() {
        self.entries = [:]
    }

    /// A registry of `entries`; a later entry with the same fingerprint replaces an earlier one.
    public init(_ entries: some Sequence<Entry>) {
        self.entries = Dictionary(entries.map { ($0.identity.fingerprint.lowercased(), $0) }, uniquingKeysWith: { $1 })
    }

    /// The entry for a fingerprint (any case).
    public subscript(fingerprint: String) -> Entry? {
        entries[fingerprint.lowercased()]
    }

    public var count: Int { entries.count }

    /// Adds or replaces the entry of its fingerprint.
    public mutating func register(_ entry: Entry) {
        entries[entry.identity.fingerprint.lowercased()] = entry
    }

    /// Removes a fingerprint; returns whether it was registered.
    @discardableResult
    public mutating func remove(fingerprint: String) -> Bool {
        entries.removeValue(forKey: fingerprint.lowercased()) != nil
    }
}
