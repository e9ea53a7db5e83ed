import ArgumentParser
import TTLV
import Foundation
import KMIP
import KMIPClient
import KeyStore
import NIOSSL

/// Where the gateway is and which identity to present: shared by every `kmipgw client`
/// subcommand and by `kmipgw bench`.
struct ClientOptions: ParsableArguments {
    @Option(help: "The gateway's host.")
    var host = "127.0.0.1"

    @Option(help: "The gateway's KMIP port.")
    var port = 5696

    @Option(help: ArgumentHelp("Client certificate (PEM), registered to an adapter.", valueName: "file"))
    var cert: String

    @Option(help: ArgumentHelp("The client certificate's private key (PEM).", valueName: "file"))
    var key: String

    @Option(
        help: ArgumentHelp(
            "CA or server certificate (PEM) to verify the gateway (default: the state directory's server-cert.pem "
                + "if there is one, else the system's trust store).",
            valueName: "file"))
    var ca: String?

    @Option(
        help: ArgumentHelp(
            "The state directory whose server-cert.pem verifies the gateway when --ca is not given "
                + "(default: $KMIPGW_STATE, else ./.kmipgw).",
            valueName: "dir"))
    var state: String?

    @Flag(help: "Do not verify the gateway's certificate at all (tests only: anyone on the path can impersonate it).")
    var insecure = false

    @Option(help: ArgumentHelp("KMIP protocol version to speak (1.0 to 1.4).", valueName: "version"))
    var kmipVersion = "1.4"

    func validate() throws {
        guard let version = ProtocolVersion(kmipVersion), ProtocolVersion.supported.contains(version) else {
            throw ValidationError("--kmip-version must be one of 1.0, 1.1, 1.2, 1.3, 1.4 (got \(kmipVersion))")
        }
        if insecure, ca != nil { throw ValidationError("--insecure and --ca contradict each other: give one") }
    }

    /// How the gateway is verified: `--ca`, else the state directory's server certificate when it
    /// exists, else the system's trust store; never skipped without `--insecure`.
    enum Trust: Equatable {
        case file(String)
        case systemTrustStore
        case none
    }

    /// The trust these flags and `environment` choose.
    func trust(environment: [String: String] = ProcessInfo.processInfo.environment) -> Trust {
        if insecure { return .none }
        if let ca { return .file(ca) }
        let serverCertificate = StoreLocation.resolve(state: state, masterKeyFile: nil, environment: environment)
            .serverCertificateFile
        if FileManager.default.fileExists(atPath: serverCertificate) { return .file(serverCertificate) }
        return .systemTrustStore
    }

    /// The client configuration these flags describe (files loaded, version set).
    func configuration() throws -> KMIPClientConfiguration {
        let trust = trust()
        var configuration = try KMIPClientConfiguration.fromPEMFiles(
            host: host, port: port, certificateFile: cert, privateKeyFile: key, caFile: nil)
        switch trust {
        case .file(let file):
            configuration.serverVerification = .certificateAuthority(try NIOSSLCertificate.fromPEMFile(file))
        case .systemTrustStore:
            configuration.serverVerification = .systemTrustStore
        case .none:
            configuration.serverVerification = .none
        }
        configuration.protocolVersion = ProtocolVersion(kmipVersion) ?? .v1_4
        if trust != .none { configuration.serverHostname = host }
        return configuration
    }

    /// Connects, runs `body`, closes; KMIP failures become `error: Reason: message` and exit 1.
    func withConnection<T>(_ body: (KMIPClientConnection) async throws -> T) async throws -> T {
        let client: KMIPClient
        do {
            client = try KMIPClient(configuration: configuration())
        } catch {
            throw StoreOptions.fail("cannot load the client identity: \(error)")
        }
        do {
            return try await client.withConnection(body)
        } catch {
            throw StoreOptions.fail("\(error)")
        }
    }
}

/// Prints an attribute as `Name[index]: value`, enumerations and masks by name.
func describe(_ attribute: Attribute) -> String {
    let index = attribute.index.map { "[\($0)]" } ?? ""
    let text = TTLVText.format(attribute.ttlv(version: .v1_4))
    // The value line of the text form, without its tag and type.
    let valueLines = text.split(separator: "\n").dropFirst(attribute.index == nil ? 2 : 3)
    // A structured value (a Name) prints its fields' values; the structure line itself has none.
    let value = valueLines.compactMap { line -> String? in
        let parts = line.drop { $0 == " " }.split(separator: " ", maxSplits: 2)
        return parts.count > 2 ? String(parts[2]) : nil
    }.joined(separator: " ")
    return "\(attribute.name)\(index): \(value)"
}
