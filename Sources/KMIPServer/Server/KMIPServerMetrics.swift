import Metrics

/// The server's connection metrics, made once per server from an injected factory.
///
/// Every label value comes from a closed set (refusal reasons, close reasons): never a
/// fingerprint, a peer address or a client name, so a scrape cannot grow without bound and
/// never says who connected.
final class KMIPServerMetrics: Sendable {
    /// `kmipgw_connections_open`: connections admitted and not yet closed.
    let open: Meter
    /// `kmipgw_connections_total`: TCP connections accepted, including those refused at the limit.
    let accepted: Counter
    private let refusals: [FingerprintVerifier.Refusal: Counter]
    private let handshakeTimeouts: Counter
    private let closings: [CloseReason: Counter]

    /// Why a connection ended, as its metric label.
    enum CloseReason: String, Sendable, Hashable, CaseIterable {
        /// The client closed, or the server drained it at shutdown.
        case closed
        /// Refused at accept: a connection limit was reached with every connection past its
        /// handshake, or the server was stopping.
        case connectionLimit = "connection_limit"
        /// The TLS handshake did not complete (refused certificate, TLS error, timeout).
        case handshakeFailed = "handshake_failed"
        case notKMIP = "not_kmip"
        case idleTimeout = "idle_timeout"
        case readTimeout = "read_timeout"
        case certificateRevoked = "certificate_revoked"
        case certificateExpired = "certificate_expired"
        /// Still in its handshake when a connection limit was reached: closed to make room.
        case evicted
        /// Any other I/O or protocol error after the handshake.
        case error

        init(_ code: KMIPServerError.Code) {
            switch code {
            case .notKMIP: self = .notKMIP
            case .idleTimeout: self = .idleTimeout
            case .readTimeout: self = .readTimeout
            case .certificateRevoked: self = .certificateRevoked
            case .certificateExpired: self = .certificateExpired
            case .handshakeTimeout: self = .handshakeFailed
            case .evicted: self = .evicted
            default: self = .error
            }
        }
    }

    init(factory: any MetricsFactory) {
        open = Meter(label: "kmipgw_connections_open", dimensions: [], factory: factory)
        accepted = Counter(label: "kmipgw_connections_total", dimensions: [], factory: factory)
        var refusals: [FingerprintVerifier.Refusal: Counter] = [:]
        for refusal in FingerprintVerifier.Refusal.allCases {
            refusals[refusal] = Counter(
                label: "kmipgw_handshakes_refused_total", dimensions: [("reason", refusal.metricLabel)], factory: factory)
        }
        self.refusals = refusals
        handshakeTimeouts = Counter(
            label: "kmipgw_handshakes_refused_total", dimensions: [("reason", "handshake_timeout")], factory: factory)
        var closings: [CloseReason: Counter] = [:]
        for reason in CloseReason.allCases {
            closings[reason] = Counter(
                label: "kmipgw_connections_closed_total", dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        self.closings = closings
    }

    /// Counts a certificate the ``FingerprintVerifier`` refused.
    func refused(_ refusal: FingerprintVerifier.Refusal) {
        refusals[refusal]?.increment()
    }

    /// Counts a client that did not finish its handshake in time.
    func handshakeTimedOut() {
        handshakeTimeouts.increment()
    }

    /// Counts a closed connection by why it ended.
    func closed(_ reason: CloseReason) {
        closings[reason]?.increment()
    }
}

extension FingerprintVerifier.Refusal {
    /// The `reason` label of `kmipgw_handshakes_refused_total`.
    var metricLabel: String {
        switch self {
        case .noCertificate: "no_certificate"
        case .unreadableCertificate: "unreadable_certificate"
        case .unknownCertificate: "not_registered"
        case .notYetValid: "not_yet_valid"
        case .expired: "expired"
        }
    }
}
