import ArgumentParser

/// `-o FORMAT` / `--output FORMAT`, shared by every command that prints data, each with its own
/// set of formats.
struct OutputOptions<Format: OutputFormat>: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format.")
    var format: Format = .standard
}
