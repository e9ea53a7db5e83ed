import ArgumentParser

/// `kmipgw bench`: benchmarks one can rerun. Figures, not pass/fail tests.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure kmipgw: the KMIP codec today; the store and the server as they land.",
        subcommands: [BenchCodec.self]
    )
}
