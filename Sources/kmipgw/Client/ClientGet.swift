import ArgumentParser
import TTLV
import KMIPClient
import Foundation
import Crypto
import KMIP

/// `kmipgw client get ID`: fetches a key. Prints its metadata and a SHA-256 of the material; the
/// material itself only with `--show-material`, so it does not land in terminals and logs by accident.
/// With `--wrap-with`, the key comes back wrapped (AES key wrap) by another key of the adapter.
struct ClientGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Get a key (material hidden unless --show-material).")
    @OptionGroup var connection: ClientOptions

    @Argument(help: "The key's Unique Identifier.")
    var identifier: String

    @Flag(help: "Print the key material (or, wrapped, the wrapped bytes) in hexadecimal.")
    var showMaterial = false

    @Option(help: ArgumentHelp(
        "Ask for the key wrapped by this key (NIST Key Wrap, RFC 3394).",
        discussion: "The wrapping key must be an Active AES key of the same adapter with WrapKey in its usage mask.",
        valueName: "wrapping-key-id"))
    var wrapWith: String?

    @Option(help: ArgumentHelp(
        "With --wrap-with: what is wrapped, ttlv (the TTLV-encoded Key Value, KMIP's default) or none (the bare key).",
        valueName: "ttlv|none"))
    var wrapEncoding: WrapEncoding?

    enum WrapEncoding: String, ExpressibleByArgument {
        case ttlv, none
    }

    func validate() throws {
        if wrapEncoding != nil, wrapWith == nil { throw ValidationError("--wrap-encoding needs --wrap-with") }
    }

    func run() async throws {
        let wrapping = wrapWith.map { wrappingKey in
            KeyWrappingSpecification(
                wrappingMethod: .encrypt,
                encryptionKeyInformation: EncryptionKeyInformation(
                    uniqueIdentifier: wrappingKey, cryptographicParameters: CryptographicParameters(blockCipherMode: .nistKeyWrap)),
                encodingOption: wrapEncoding.map { $0 == .none ? .noEncoding : .ttlvEncoding })
        }
        let response = try await connection.withConnection { try await $0.get(identifier, wrapping: wrapping) }
        if case .symmetricKey(let key) = response.object, case .wrapped(let wrapped) = key.keyBlock.keyValue {
            let by = key.keyBlock.keyWrappingData?.encryptionKeyInformation?.uniqueIdentifier ?? "?"
            let digest = TTLVText.hex(Array(SHA256.hash(data: wrapped)))
            print("\(PrintableText.escaped(response.uniqueIdentifier)): \(key.keyBlock.cryptographicAlgorithm.map(\.description) ?? "?") key, wrapped by \(by): \(wrapped.count) bytes")
            print("sha256(wrapped): \(digest)")
            if showMaterial { print("wrapped: \(TTLVText.hex(wrapped))") }
            return
        }
        guard case .symmetricKey(let key) = response.object, let material = key.keyBlock.keyValue.keyBytes else {
            print("\(PrintableText.escaped(response.uniqueIdentifier)): \(response.objectType), no clear key material")
            return
        }
        let digest = TTLVText.hex(Array(SHA256.hash(data: material)))
        print("\(PrintableText.escaped(response.uniqueIdentifier)): \(key.keyBlock.cryptographicAlgorithm.map(\.description) ?? "?") \(material.count * 8)-bit key, format \(key.keyBlock.keyFormatType)")
        print("sha256(material): \(digest)")
        if showMaterial { print("material: \(TTLVText.hex(material))") }
    }
}
