import ArgumentParser
import NIOCore
import NIOPosix
import NIOSSL

/// `kmipgw bench echo-server`: a mutual-TLS echo server on the same TLS stack as kmipgw
/// (swift-nio-ssl, same event loops), the ceiling no KMIP server on this machine can pass.
///
/// `kmipgw bench --op echo` (persistent connections) and `--op echo-handshake` (a new connection
/// per round trip) measure it with the request bytes of a Get.
struct BenchEchoServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "echo-server",
        abstract: "Serve a mutual-TLS echo (swift-nio-ssl) to measure the ceiling of this machine."
    )

    @Option(help: "host:port to listen on.")
    var listen = "127.0.0.1:25698"

    @Option(help: ArgumentHelp("Server certificate (PEM).", valueName: "file"))
    var cert: String

    @Option(help: ArgumentHelp("The server certificate's private key (PEM).", valueName: "file"))
    var key: String

    @Option(help: ArgumentHelp("Client certificates (PEM) accepted, pinned as kmipgw pins them.", valueName: "file"))
    var ca: String

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
            throw ValidationError("--listen must be host:port")
        }
        let host = String(listen[..<colon])
        var tls = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)),
            trustRoots: .certificates([])
        )
        tls.minimumTLSVersion = .tlsv12
        let context = try NIOSSLContext(configuration: tls)
        // Like kmipgw: the client certificate is accepted when it is one of these, exactly.
        let pinned = try NIOSSLCertificate.fromPEMFile(ca)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        NIOSSLServerHandler(context: context) { chain, promise in
                            promise.succeed(chain.first.map(pinned.contains) == true ? .certificateVerified : .failed)
                        },
                        BenchEchoHandler())
                }
            }
            .bind(host: host, port: port)
            .get()
        print("echo server listening on \(listen)")
        try await channel.closeFuture.get()
    }
}
