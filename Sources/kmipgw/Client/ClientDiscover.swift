import ArgumentParser
import TTLV
import KMIPClient
import KMIP
import Foundation

/// `kmipgw client discover`: the protocol versions the gateway offers.
struct ClientDiscover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "discover", abstract: "Discover Versions.")
    @OptionGroup var connection: ClientOptions

    func run() async throws {
        let versions = try await connection.withConnection { try await $0.discoverVersions() }
        print(versions.map(\.description).joined(separator: "\n"))
    }
}
