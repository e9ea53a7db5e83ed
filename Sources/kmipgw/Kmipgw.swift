import ArgumentParser

@main
struct Kmipgw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmipgw",
        abstract: "A declarative, GitOps-driven KMIP gateway.",
        subcommands: [TTLVCommand.self, BenchCommand.self, Validate.self]
    )
}
