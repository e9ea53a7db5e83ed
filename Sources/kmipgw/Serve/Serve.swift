import ArgumentParser
import Foundation
import Gateway
import KMIP
import KMIPServer
import KeyStore
import Logging
import NIOCore
import NIOSSL
import Operations
import ServiceLifecycle
import UnixSignals

/// `kmipgw serve`: KMIP over mutual TLS for every adapter in the store, reloading on every apply.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve KMIP (TTLV over mutual TLS) to the clients registered in the store.",
        discussion: """
            Only a client presenting a certificate registered to an adapter (by SHA-256 fingerprint, \
            inside its validity dates) completes the handshake, and it sees only its adapter's objects. \
            An apply made while serving takes effect within a second; SIGHUP forces a reload; SIGTERM \
            finishes in-flight requests and exits 0.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "host:port"))
    var listen = "0.0.0.0:5696"

    @Option(help: ArgumentHelp("Server certificate chain (PEM); default: the one `kmipgw init` made.", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("Server private key (PEM); default: the one `kmipgw init` made.", valueName: "file"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Protocol versions offered, most preferred first.", valueName: "list"))
    var kmipVersions = "1.4,1.3,1.2,1.1,1.0"

    @Option(help: "Largest request accepted, in bytes.")
    var maxMessageSize = 1 << 20

    @Option(help: "Most connections open at once.")
    var maxConnections = 4096

    @Option(help: "Seconds a connection may stay idle between requests.")
    var idleTimeout = 300

    @Option(help: "Seconds allowed for the TLS handshake.")
    var handshakeTimeout = 10

    @Option(help: ArgumentHelp("Audit log, JSON lines: a file to append to, or - for standard error.", valueName: "file"))
    var auditLog = "-"

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        guard Self.parseListen(listen) != nil else {
            throw ValidationError("--listen must be host:port, for example 127.0.0.1:5696 (got \(listen))")
        }
        guard Self.parseVersions(kmipVersions) != nil else {
            throw ValidationError("--kmip-versions must list versions from 1.0 to 1.4, for example 1.4,1.3 (got \(kmipVersions))")
        }
        guard maxMessageSize >= 1024 else { throw ValidationError("--max-message-size must be at least 1024") }
    }

    func run() async throws {
        var logger = Logger(label: "kmipgw")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let location = store.location
        let stateStore = try store.open()
        let (host, port) = Self.parseListen(listen)!
        let versions = Self.parseVersions(kmipVersions)!
        let serverConfiguration: KMIPServerConfiguration
        do {
            var configuration = try KMIPServerConfiguration.fromPEMFiles(
                host: host, port: port, certificateChainFile: tlsCert ?? location.serverCertificateFile,
                privateKeyFile: tlsKey ?? location.serverKeyFile)
            configuration.maximumMessageSize = maxMessageSize
            configuration.maximumConnections = maxConnections
            configuration.idleTimeout = .seconds(Int64(idleTimeout))
            configuration.handshakeTimeout = .seconds(Int64(handshakeTimeout))
            serverConfiguration = configuration
        } catch {
            throw StoreOptions.fail("cannot load the server certificate or key: \(error)")
        }
        let audit: AuditLog
        do {
            audit = try AuditLog.file(auditLog)
        } catch {
            throw StoreOptions.fail("cannot open the audit log \(auditLog): \(error)")
        }
        let processor = RequestProcessor(
            store: stateStore, policy: ServerPolicy(protocolVersions: versions), maximumMessageSize: maxMessageSize)
        let configuration = try stateStore.configuration()
        let server = try KMIPServer(
            configuration: serverConfiguration, registry: RegistryLoader.registry(from: configuration),
            handler: GatewayHandler(processor: processor, audit: audit), logger: logger)
        let reload = ReloadService(store: stateStore, server: server, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: reload),
                .init(service: audit),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let announce = Task {
            if let address = try? await server.listeningAddress() {
                let bound = "\(address.ipAddress ?? host):\(address.port ?? port)"
                let offered = versions.map { $0.description }.joined(separator: ", ")
                let message = "kmipgw serving KMIP \(offered) on \(bound) (\(configuration.adapters.count) adapters, "
                    + "\(configuration.certificates.count) client certificates)\n"
                    + "server certificate: \(tlsCert ?? location.serverCertificateFile)\n"
                FileHandle.standardError.write(Data(message.utf8))
            }
        }
        defer { announce.cancel() }
        try await group.run()
        stateStore.close()
    }

    static func parseListen(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    static func parseVersions(_ text: String) -> [ProtocolVersion]? {
        let versions = text.split(separator: ",").map { ProtocolVersion(String($0).trimmingCharacters(in: .whitespaces)) }
        guard !versions.isEmpty, versions.allSatisfy({ $0.map { ProtocolVersion.supported.contains($0) } ?? false }) else { return nil }
        return versions.compactMap { $0 }
    }
}
