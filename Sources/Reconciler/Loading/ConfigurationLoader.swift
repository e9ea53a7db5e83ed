import Dispatch
import Foundation

/// Reads configuration files and validates them: the whole of `kmipgw validate`, and the first
/// step of `plan` and `apply`.
///
/// ```swift
/// let report = ConfigurationLoader().validate(paths: ["gitops/"])
/// for diagnostic in report.diagnostics { print(diagnostic) }   // the command prints, not the library
/// let desired = try report.requireDesiredState()
/// ```
public struct ConfigurationLoader: Sendable {
    /// The time certificate validity is judged against.
    public var now: Date

    /// Creates a loader; pass `now` to judge certificate validity at another time (tests, what-if).
    public init(now: Date = Date()) {
        self.now = now
    }

    /// Reads every file and directory in `paths` (directories: each `*.yaml` / `*.yml` inside, in
    /// name order), merges instances by name and applies every rule. Never throws: unreadable files
    /// and YAML syntax errors are diagnostics like any other, so one run reports everything.
    public func validate(paths: [String]) -> ValidationReport {
        let (files, pathDiagnostics) = PathExpander().expand(paths)
        let parsed = Self.parseAll(files)

        var diagnostics = pathDiagnostics
        var specs: [InstanceSpec] = []
        var anyFileFailed = !pathDiagnostics.isEmpty
        for result in parsed {
            diagnostics += result.diagnostics
            specs += result.instances
            anyFileFailed = anyFileFailed || result.failed
        }

        let validator = ConfigurationValidator(now: now, checksReferences: !anyFileFailed)
        let (state, ruleDiagnostics) = validator.validate(specs)
        diagnostics += ruleDiagnostics

        let hasErrors = diagnostics.contains { $0.severity == .error }
        return ValidationReport(
            diagnostics: Self.ordered(diagnostics, files: files),
            desiredState: hasErrors ? nil : state,
            files: files
        )
    }

    private struct ParsedFile: Sendable {
        var instances: [InstanceSpec] = []
        var diagnostics: [Diagnostic] = []
        var failed = false
    }

    /// Files are parsed in parallel (YAML parsing dominates a large configuration) and the results
    /// kept in file order, so output does not depend on scheduling.
    private static func parseAll(_ files: [String]) -> [ParsedFile] {
        let results = ResultSlots<ParsedFile>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results[index] = parse(files[index])
        }
        return results.values
    }

    private static func parse(_ file: String) -> ParsedFile {
        guard let data = FileManager.default.contents(atPath: file) else {
            return ParsedFile(
                diagnostics: [.error(.unreadableFile, "cannot read the file", at: SourceLocation(file: file))],
                failed: true
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ParsedFile(
                diagnostics: [.error(.unreadableFile, "the file is not UTF-8 text", at: SourceLocation(file: file))],
                failed: true
            )
        }
        let result = DocumentParser(file: file).parse(text)
        let inspector = CertificateInspector()
        let instances = result.instances.map { instance in
            var instance = instance
            for adapterIndex in instance.adapters.indices {
                instance.adapters[adapterIndex].certificates = instance.adapters[adapterIndex].certificates.map {
                    $0.resolvingContent(with: inspector)
                }
            }
            return instance
        }
        return ParsedFile(instances: instances, diagnostics: result.diagnostics, failed: result.syntaxFailed)
    }

    private static func ordered(_ diagnostics: [Diagnostic], files: [String]) -> [Diagnostic] {
        var fileRank: [String: Int] = [:]
        for (index, file) in files.enumerated() { fileRank[file] = index }
        func key(_ diagnostic: Diagnostic) -> (Int, Int, Int) {
            guard let location = diagnostic.location else { return (-1, 0, 0) }
            return (fileRank[location.file] ?? -1, location.line ?? 0, location.column ?? 0)
        }
        return diagnostics.enumerated().sorted { lhs, rhs in
            let (l, r) = (key(lhs.element), key(rhs.element))
            return l != r ? l < r : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
