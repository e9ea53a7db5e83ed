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

    @Option(help: ArgumentHelp(
        "Cryptographic Usage Mask bits, comma-separated, in the KMIP spelling.",
        discussion: "For example Encrypt,Decrypt (the default) or WrapKey,UnwrapKey for a key that wraps others on Get."))
    var usage = "Encrypt,Decrypt"

    func validate() throws {
        _ = try usageMask()
    }

    func run() async throws {
        let mask = try usageMask()
        let identifier = try await connection.withConnection {
            try await $0.createSymmetricKey(length: length, usage: mask, name: name, activationDate: activate ? Date() : nil)
        }
        print(PrintableText.escaped(identifier))
    }

    private func usageMask() throws -> CryptographicUsageMask {
        var mask: CryptographicUsageMask = []
        for word in usage.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let bit = CryptographicUsageMask.names.first(where: { $0.1.caseInsensitiveCompare(word) == .orderedSame }) else {
                let known = CryptographicUsageMask.names.map(\.1).joined(separator: ", ")
                throw ValidationError("--usage: '\(word)' is not a Cryptographic Usage Mask bit (known: \(known))")
            }
            mask.insert(CryptographicUsageMask(rawValue: bit.0))
        }
        guard !mask.isEmpty else { throw ValidationError("--usage: name at least one bit, such as Encrypt,Decrypt") }
        return mask
    }
}
