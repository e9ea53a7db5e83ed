import ArgumentParser
import TTLV
import KMIPClient
import Foundation
import Crypto
import KMIP

/// `kmipgw client get ID`: fetches a key. Prints its metadata and a SHA-256 of the material; the
/// material itself only with `--show-material`, so it does not land in terminals and logs by accident.
struct ClientGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Get a key (material hidden unless --show-material).")
    @OptionGroup var connection: ClientOptions

    @Argument(help: "The key's Unique Identifier.")
    var identifier: String

    @Flag(help: "Print the key material in hexadecimal.")
    var showMaterial = false

    func run() async throws {
        let response = try await connection.withConnection { try await $0.get(identifier) }
        guard case .symmetricKey(let key) = response.object, let material = key.keyBlock.keyValue.keyBytes else {
            print("\(response.uniqueIdentifier): \(response.objectType), no clear key material")
            return
        }
        let digest = SHA256.hash(data: material).map { String(format: "%02x", $0) }.joined()
        print("\(response.uniqueIdentifier): \(key.keyBlock.cryptographicAlgorithm.map(\.description) ?? "?") \(material.count * 8)-bit key, format \(key.keyBlock.keyFormatType)")
        print("sha256(material): \(digest)")
        if showMaterial { print("material: \(TTLVText.hex(material))") }
    }
}
