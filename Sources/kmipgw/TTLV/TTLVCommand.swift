import ArgumentParser

/// `kmipgw ttlv`: look inside KMIP messages when a client and the gateway disagree.
struct TTLVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ttlv",
        abstract: "Decode TTLV bytes into a readable tree, or encode that tree back into bytes.",
        subcommands: [TTLVDecode.self, TTLVEncode.self]
    )
}
