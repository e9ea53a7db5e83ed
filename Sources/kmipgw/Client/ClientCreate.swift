import ArgumentParser
import TTLV
import KMIPClient
import Foundation
import KMIP

/// `kmipgw client create`: a new AES key; prints its identifier.
struct ClientCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an AES key and print its identifier.")
    @OptionGroup var connection: ClientOptions

    @Option(help: "Key length in bits: 128, 192 or 256.")
    var length: Int32 = 256

    @Option(help: "A Name for the key.")
    var name: String?

    @Flag(help: "Activate at once (Activation Date now).")
    var activate = false

    func run() async throws {
        let identifier = try await connection.withConnection {
            try await $0.createSymmetricKey(length: length, name: name, activationDate: activate ? Date() : nil)
        }
        print(identifier)
    }
}
