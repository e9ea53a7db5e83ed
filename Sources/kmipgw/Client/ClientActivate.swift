import ArgumentParser
import TTLV
import KMIPClient
import KMIP
import Foundation

/// `kmipgw client activate ID`.
struct ClientActivate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "activate", abstract: "Activate a Pre-Active key.")
    @OptionGroup var connection: ClientOptions

    @Argument(help: "The key's Unique Identifier.")
    var identifier: String

    func run() async throws {
        try await connection.withConnection { try await $0.activate(identifier) }
        print("\(identifier) activated")
    }
}
