import ArgumentParser

@main
struct Kmipgw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmipgw",
        abstract: "A declarative, GitOps-driven KMIP gateway.",
        subcommands: [Init.self, TTLVCommand.self, BenchCommand.self, BenchStore.self, Validate.self, Plan.self, Apply.self, Get.self, Describe.self, Serve.self, ClientCommand.self]
    )
}
