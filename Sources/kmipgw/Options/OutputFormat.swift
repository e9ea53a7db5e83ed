import ArgumentParser

/// The formats one command can print, and the one it prints by default.
protocol OutputFormat: ExpressibleByArgument, CaseIterable, RawRepresentable<String> {
    static var standard: Self { get }
}

/// Reports and plans (`validate`, `plan`, `apply`): text for people, JSON for CI.
enum ReportFormat: String, OutputFormat {
    case text
    case json

    static var standard: ReportFormat { .text }
}

/// Lists (`get`): a table, or a document with a `kind` and its `items`.
enum ListFormat: String, OutputFormat {
    case table
    case json
    case yaml

    static var standard: ListFormat { .table }
}

/// One thing in detail (`describe`).
enum DetailFormat: String, OutputFormat {
    case text
    case json
    case yaml

    static var standard: DetailFormat { .text }
}
