import ArgumentParser
import TTLV
import KMIPClient
import Foundation
import KMIP

/// `kmipgw client add-attribute ID NAME VALUE`: adds a text attribute (custom `x-` ones included).
struct ClientAddAttribute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-attribute", abstract: "Add a text attribute, such as x-Product_Version 8.0.")
    @OptionGroup var connection: ClientOptions

    @Argument(help: "The key's Unique Identifier.")
    var identifier: String

    @Argument(help: "Attribute name, for example x-Product_Version or Contact Information.")
    var name: String

    @Argument(help: "The text value.")
    var value: String

    func run() async throws {
        let added = try await connection.withConnection {
            try await $0.addAttribute(identifier, Attribute(name: name, value: .textString(value)))
        }
        print(describe(added))
    }
}
