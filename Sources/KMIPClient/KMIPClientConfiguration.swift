import KMIP
import NIOCore
import NIOSSL

/// Where and how a ``KMIPClient`` connects.
public struct KMIPClientConfiguration: Sendable {
    /// How the client decides to trust the server.
    public enum ServerVerification: Sendable {
        /// The server's chain must lead to one of these roots and name ``KMIPClientConfiguration/serverHostname``
        /// (or the host, or for an IP address the address itself).
        case certificateAuthority([NIOSSLCertificate])
        /// The server's chain must lead to a root of the system's trust store, and name the host.
        case systemTrustStore
        /// Any server certificate is accepted: for tests and `--insecure` only.
        case none
    }

    public var host: String
    public var port: Int
    /// The client certificate first (the one the server pins), then any intermediates.
    public var certificateChain: [NIOSSLCertificate]
    public var privateKey: NIOSSLPrivateKey
    public var serverVerification: ServerVerification
    /// The name checked against the server certificate and sent as SNI; `host` when `nil`.
    public var serverHostname: String?
    /// The protocol version of requests built by the convenience methods.
    public var protocolVersion: ProtocolVersion
    /// TCP connect plus TLS handshake.
    public var connectTimeout: TimeAmount
    /// From sending a request to its whole response.
    public var requestTimeout: TimeAmount
    /// The largest response accepted.
    public var maximumMessageSize: Int

    public init(
        host: String, port: Int = 5696, certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey,
        serverVerification: ServerVerification, serverHostname: String? = nil, protocolVersion: ProtocolVersion = .v1_4,
        connectTimeout: TimeAmount = .seconds(10), requestTimeout: TimeAmount = .seconds(30),
        maximumMessageSize: Int = 16 << 20
    ) {
        self.host = host
        self.port = port
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.serverVerification = serverVerification
        self.serverHostname = serverHostname
        self.protocolVersion = protocolVersion
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maximumMessageSize = maximumMessageSize
    }

    /// A configuration from PEM files: `--cert`, `--key` and, unless `nil` (no server
    /// verification), `--ca`.
    public static func fromPEMFiles(
        host: String, port: Int = 5696, certificateFile: String, privateKeyFile: String, caFile: String?
    ) throws -> KMIPClientConfiguration {
        KMIPClientConfiguration(
            host: host, port: port,
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificateFile),
            privateKey: try NIOSSLPrivateKey(file: privateKeyFile, format: .pem),
            serverVerification: try caFile.map { .certificateAuthority(try NIOSSLCertificate.fromPEMFile($0)) } ?? .none
        )
    }

    func makeSSLContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateChain = certificateChain.map { .certificate($0) }
        tls.privateKey = .privateKey(privateKey)
        switch serverVerification {
        case .certificateAuthority(let roots):
            tls.trustRoots = .certificates(roots)
            tls.certificateVerification = .fullVerification
        case .systemTrustStore:
            tls.trustRoots = .default
            tls.certificateVerification = .fullVerification
        case .none:
            tls.certificateVerification = .none
        }
        return try NIOSSLContext(configuration: tls)
    }

    /// SNI must not be an IP address; hostname verification then checks the address instead.
    var sniHostname: String? {
        let name = serverHostname ?? host
        return (try? SocketAddress(ipAddress: name, port: 0)) != nil ? nil : name
    }
}
