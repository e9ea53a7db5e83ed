import ArgumentParser
import TTLV
import KMIPClient
import Foundation
import KMIP

/// `kmipgw client query`: operations, object types and vendor of the gateway.
struct ClientQuery: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "query", abstract: "Query operations, objects and server information.")
    @OptionGroup var connection: ClientOptions

    func run() async throws {
        let response = try await connection.withConnection { try await $0.query() }
        print("vendor: \(PrintableText.escaped(response.vendorIdentification ?? "-"))")
        print("objects: \(response.objectTypes.map(\.description).joined(separator: ", "))")
        print("operations: \(response.operations.map(\.description).joined(separator: ", "))")
    }
}
