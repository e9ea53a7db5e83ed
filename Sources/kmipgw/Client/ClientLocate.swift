import ArgumentParser
import TTLV
import KMIPClient
import Foundation
import KMIP

/// `kmipgw client locate`: identifiers of keys by Name (or all, paged).
struct ClientLocate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "locate", abstract: "Locate keys by Name (or all of the adapter's keys).")
    @OptionGroup var connection: ClientOptions

    @Option(help: "The Name to look for.")
    var name: String?

    @Option(help: "At most this many identifiers.")
    var maximumItems: Int32?

    @Option(help: "Skip this many matches first.")
    var offsetItems: Int32?

    func run() async throws {
        var attributes: [Attribute] = []
        if let name { attributes.append(Attribute(.name, Name(name))) }
        let request = LocateRequest(maximumItems: maximumItems, offsetItems: offsetItems, attributes: attributes)
        let response = try await connection.withConnection { try await $0.locate(request) }
        for identifier in response.uniqueIdentifiers { print(PrintableText.escaped(identifier)) }
    }
}
