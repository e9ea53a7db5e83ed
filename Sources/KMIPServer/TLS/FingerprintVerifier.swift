import Foundation
import KMIP
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL

/// Decides whether a client certificate may connect: its SHA-256 fingerprint must be in the
/// current ``ClientRegistry`` and the handshake must fall within the registered validity.
///
/// This replaces all of BoringSSL's chain verification (swift-nio-ssl's custom verification
/// callback does, whenever verification is on): self-signed client
/// certificates, as vCenter makes them, are the normal case, so there is no CA to chain to;
/// pinning the exact certificate is the trust decision.
struct FingerprintVerifier: Sendable {
    /// Why a handshake was refused; `rawValue` is what the audit log shows.
    enum Refusal: String, Sendable, Hashable, CaseIterable {
        case noCertificate = "no client certificate"
        case unreadableCertificate = "unreadable client certificate"
        case unknownCertificate = "certificate not registered"
        case notYetValid = "certificate not yet valid"
        case expired = "certificate expired"
    }

    /// The outcome for one presented chain.
    enum Verdict: Sendable, Hashable {
        case accepted(ClientIdentity)
        case refused(Refusal, fingerprint: String?)
    }

    private let registry: NIOLockedValueBox<ClientRegistry>
    private let now: @Sendable () -> Date

    init(registry: NIOLockedValueBox<ClientRegistry>, now: @escaping @Sendable () -> Date = Date.init) {
        self.registry = registry
        self.now = now
    }

    /// The pure decision, given the leaf's DER.
    func verdict(leafDER: [UInt8]?) -> Verdict {
        guard let leafDER else { return .refused(.noCertificate, fingerprint: nil) }
        let fingerprint = CertificateFingerprint.sha256(der: leafDER)
        guard let entry = registry.withLockedValue({ $0[fingerprint] }) else {
            return .refused(.unknownCertificate, fingerprint: fingerprint)
        }
        let instant = now()
        if instant < entry.notValidBefore { return .refused(.notYetValid, fingerprint: fingerprint) }
        if instant > entry.notValidAfter { return .refused(.expired, fingerprint: fingerprint) }
        return .accepted(entry.identity)
    }

    /// The verdict for a chain as NIOSSL presents it (leaf first).
    func verdict(chain: [NIOSSLCertificate]) -> Verdict {
        guard let leaf = chain.first else { return verdict(leafDER: nil) }
        guard let der = try? leaf.toDERBytes() else { return .refused(.unreadableCertificate, fingerprint: nil) }
        return verdict(leafDER: der)
    }

    /// The verdict for `chain`, with a refusal logged with the fingerprint, peer and `session`
    /// (`new` or `resumed`) and counted in `metrics` (by reason only); the identity when accepted.
    func admit(
        chain: [NIOSSLCertificate], session: String, peer: SocketAddress?, logger: Logger, metrics: KMIPServerMetrics
    ) -> ClientIdentity? {
        switch verdict(chain: chain) {
        case .accepted(let identity):
            return identity
        case .refused(let refusal, let fingerprint):
            metrics.refused(refusal)
            logger.notice(
                "TLS handshake refused",
                metadata: [
                    "event": "handshake_refused",
                    "peer": "\(peer.map { "\($0)" } ?? "unknown")",
                    "fingerprint": "\(fingerprint ?? "none")",
                    "reason": "\(refusal.rawValue)",
                    "session": "\(session)",
                ]
            )
            return nil
        }
    }

    /// A callback for `NIOSSLServerHandler` that records an accepted identity in `accepted`, and
    /// fails the handshake otherwise (see ``admit(chain:session:peer:logger:metrics:)``).
    ///
    /// The callback runs on the event loop; the decision is a dictionary lookup under a lock,
    /// so it completes the promise synchronously rather than hopping off the loop. BoringSSL does
    /// not call it when a session resumes: ``KMIPServer`` checks those itself.
    func callback(
        peer: SocketAddress?, accepted: NIOLockedValueBox<ClientIdentity?>, logger: Logger, metrics: KMIPServerMetrics
    ) -> NIOSSLCustomVerificationCallback {
        { chain, promise in
            if let identity = admit(chain: chain, session: "new", peer: peer, logger: logger, metrics: metrics) {
                accepted.withLockedValue { $0 = identity }
                promise.succeed(.certificateVerified)
            } else {
                promise.succeed(.failed)
            }
        }
    }
}
