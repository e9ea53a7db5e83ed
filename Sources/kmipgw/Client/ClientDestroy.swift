import ArgumentParser
import TTLV
import KMIPClient
import KMIP
import Foundation

/// `kmipgw client destroy ID`: irreversible; refused while the key is Active.
struct ClientDestroy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "destroy", abstract: "Destroy a key (refused while Active; irreversible).")
    @OptionGroup var connection: ClientOptions

    @Argument(help: "The key's Unique Identifier.")
    var identifier: String

    func run() async throws {
        try await connection.withConnection { try await $0.destroy(identifier) }
        print("\(identifier) destroyed")
    }
}
