import ArgumentParser
import TTLV
import KMIPClient
import Foundation
import KMIP

/// `kmipgw client attributes ID [NAME…]`: Get Attributes.
struct ClientAttributes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attributes", abstract: "Get a key's attributes (all, or the names given).")
    @OptionGroup var connection: ClientOptions

    @Argument(help: "The key's Unique Identifier.")
    var identifier: String

    @Argument(help: "Attribute names, such as State or x-Product_Version.")
    var names: [String] = []

    func run() async throws {
        let attributes = try await connection.withConnection { try await $0.getAttributes(identifier, names: names) }
        for attribute in attributes { print(describe(attribute)) }
    }
}
