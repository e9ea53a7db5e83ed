import ArgumentParser
import TTLV
import KMIPClient
import KMIP
import Foundation

/// `kmipgw client`: a small KMIP client for trying and checking a gateway.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Talk KMIP to a gateway with a client certificate (for trying and checking a deployment).",
        subcommands: [
            ClientDiscover.self, ClientQuery.self, ClientCreate.self, ClientGet.self, ClientLocate.self,
            ClientAttributes.self, ClientAddAttribute.self, ClientActivate.self, ClientRevoke.self, ClientDestroy.self,
        ]
    )
}
