import ArgumentParser
import TTLV
import KMIPClient
import Foundation
import KMIP

/// `kmipgw client revoke ID --reason R`.
struct ClientRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a key: key-compromise or ca-compromise → Compromised; other reasons → Deactivated.")
    @OptionGroup var connection: ClientOptions

    @Argument(help: "The key's Unique Identifier.")
    var identifier: String

    @Option(help: "unspecified, key-compromise, ca-compromise, affiliation-changed, superseded, cessation-of-operation, privilege-withdrawn.")
    var reason = "cessation-of-operation"

    @Option(help: "A message kept with the revocation.")
    var message: String?

    func validate() throws {
        guard RevocationReasonCode(name: reason) != nil else { throw ValidationError("unknown revocation reason '\(reason)'") }
    }

    func run() async throws {
        let code = RevocationReasonCode(name: reason) ?? .unspecified
        let compromised = code == .keyCompromise || code == .caCompromise
        try await connection.withConnection {
            try await $0.revoke(identifier, reason: code, message: message, compromiseOccurrenceDate: compromised ? Date() : nil)
        }
        print("\(identifier) revoked (\(code))")
    }
}
