import ArgumentParser
import TTLV
import Foundation
import KMIP
import KMIPClient

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

    @Option(help: ArgumentHelp("CA or server certificate (PEM) to verify the gateway; without it the server is not verified.", valueName: "file"))
    var ca: String?

    @Option(help: ArgumentHelp("KMIP protocol version to speak (1.0 to 1.4).", valueName: "version"))
    var kmipVersion = "1.4"

    func validate() throws {
        guard let version = ProtocolVersion(kmipVersion), ProtocolVersion.supported.contains(version) else {
            throw ValidationError("--kmip-version must be one of 1.0, 1.1, 1.2, 1.3, 1.4 (got \(kmipVersion))")
        }
    }

    /// The client configuration these flags describe (files loaded, version set).
    func configuration() throws -> KMIPClientConfiguration {
        var configuration = try KMIPClientConfiguration.fromPEMFiles(
            host: host, port: port, certificateFile: cert, privateKeyFile: key, caFile: ca)
        configuration.protocolVersion = ProtocolVersion(kmipVersion) ?? .v1_4
        if ca != nil { configuration.serverHostname = host }
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
