import ArgumentParser

/// `kmipgw bench`: benchmarks one can rerun. Figures, not pass/fail tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure kmipgw: a KMIP server under load (the default), the store in process, and the KMIP codec.",
        subcommands: [BenchLoad.self, BenchStore.self, BenchFill.self, BenchCodec.self, BenchEchoServer.self],
        defaultSubcommand: BenchLoad.self
    )
}
