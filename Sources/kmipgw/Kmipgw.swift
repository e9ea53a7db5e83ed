import ArgumentParser

@main
struct Kmipgw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmipgw",
        abstract: "A declarative, GitOps-driven KMIP gateway.",
        subcommands: [
            InitCommand.self, ValidateCommand.self, PlanCommand.self, ApplyCommand.self, GetCommand.self, DescribeCommand.self,
            ServeCommand.self, BackupCommand.self, RestoreCommand.self, ClientCommand.self, BenchCommand.self,
            TTLVCommand.self,
        ]
    )
}
