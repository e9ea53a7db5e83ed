import NIOCore
import NIOSSL

/// Everything the server needs to listen, as one value: the command line fills it from flags
/// and the state directory.
public struct KMIPServerConfiguration: Sendable {
    /// Address to bind; `0.0.0.0` listens on every IPv4 interface.
    public var host: String
    /// Port to bind; 0 picks a free one (read it with ``KMIPServer/listeningAddress()``).
    public var port: Int
    /// The server certificate first, then any intermediates.
    public var certificateChain: [NIOSSLCertificate]
    public var privateKey: NIOSSLPrivateKey
    /// The largest request accepted, header included; larger ones get Invalid Message and a close.
    public var maximumMessageSize: Int
    /// Time allowed from accept to a finished TLS handshake.
    public var handshakeTimeout: TimeAmount
    /// A connection with no request in progress is closed after this long.
    public var idleTimeout: TimeAmount
    /// A message must be complete within this long of its first byte.
    public var readTimeout: TimeAmount
    /// Most connections open at once. At the limit, the oldest connection still in its TLS
    /// handshake is closed to make room; when every connection finished its handshake, a new one
    /// is closed at accept.
    public var maximumConnections: Int
    /// Most connections open at once from one IP address, with the same rule as
    /// ``maximumConnections`` among that address's connections: one host cannot take the server.
    public var maximumConnectionsPerAddress: Int
    /// On graceful shutdown, in-flight requests get this long to finish before connections are cut.
    public var shutdownGracePeriod: TimeAmount
    /// TLS 1.2 or later; KMIP profiles require at least 1.2. With 1.3 only TLS 1.3 is offered.
    public var minimumTLSVersion: TLSVersion

    /// The TLS 1.2 suites offered, in the server's order of preference: ECDHE key exchange (forward
    /// secrecy) with an AEAD cipher only, for ECDSA and RSA server certificates alike. CBC with
    /// SHA-1 or SHA-2 MACs and static-RSA key exchange are left out: key material travels inside
    /// these sessions. TLS 1.3 suites are all AEAD with ephemeral key exchange and are not set here.
    static let tls12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    public init(
        host: String = "0.0.0.0", port: Int = 5696,
        certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey,
        maximumMessageSize: Int = 1 << 20,
        handshakeTimeout: TimeAmount = .seconds(10), idleTimeout: TimeAmount = .seconds(300),
        readTimeout: TimeAmount = .seconds(30), maximumConnections: Int = 4096, maximumConnectionsPerAddress: Int = 512,
        shutdownGracePeriod: TimeAmount = .seconds(10), minimumTLSVersion: TLSVersion = .tlsv12
    ) {
        self.host = host
        self.port = port
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.maximumMessageSize = maximumMessageSize
        self.handshakeTimeout = handshakeTimeout
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress
        self.shutdownGracePeriod = shutdownGracePeriod
        self.minimumTLSVersion = minimumTLSVersion
    }

    /// A configuration whose certificate chain and key are read from PEM files.
    public static func fromPEMFiles(
        host: String = "0.0.0.0", port: Int = 5696, certificateChainFile: String, privateKeyFile: String
    ) throws -> KMIPServerConfiguration {
        KMIPServerConfiguration(
            host: host, port: port,
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificateChainFile),
            privateKey: try NIOSSLPrivateKey(file: privateKeyFile, format: .pem)
        )
    }

    /// The one TLS context of the server: mutual TLS with an empty trust store, because trust is
    /// decided per connection by fingerprint (``FingerprintVerifier``), never by a CA.
    func makeSSLContext() throws -> NIOSSLContext {
        guard minimumTLSVersion == .tlsv12 || minimumTLSVersion == .tlsv13 else {
            throw KMIPServerError(code: .invalidConfiguration, reason: "TLS below 1.2 is not allowed")
        }
        guard maximumMessageSize >= 64, maximumConnections > 0, maximumConnectionsPerAddress > 0 else {
            throw KMIPServerError(
                code: .invalidConfiguration, reason: "maximum message size, connections and connections per address must be positive")
        }
        var tls = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: certificateChain.map { .certificate($0) },
            privateKey: .privateKey(privateKey),
            trustRoots: .certificates([])
        )
        tls.minimumTLSVersion = minimumTLSVersion
        tls.cipherSuites = Self.tls12CipherSuites
        // A peer that never answers close_notify must not hold a closing connection for long.
        tls.shutdownTimeout = .seconds(2)
        return try NIOSSLContext(configuration: tls)
    }

    var connectionTimeouts: KMIPConnectionHandler.Timeouts {
        KMIPConnectionHandler.Timeouts(handshake: handshakeTimeout, idle: idleTimeout, read: readTimeout)
    }
}
