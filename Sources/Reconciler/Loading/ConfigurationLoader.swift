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
    /// What one run may read before it refuses (see ``ValidationBudget``).
    public var budget: ValidationBudget

    /// Creates a loader; pass `now` to judge certificate validity at another time (tests, what-if).
    public init(now: Date = Date(), budget: ValidationBudget = ValidationBudget()) {
        self.now = now
        self.budget = budget
    }

    /// Reads every file and directory in `paths` (directories: each `*.yaml` / `*.yml` inside, in
    /// name order), merges instances by name and applies every rule. Never throws: unreadable files
    /// and YAML syntax errors are diagnostics like any other, so one run reports everything.
    ///
    /// The run keeps within ``budget``: files past the byte budget are not read, files whose nodes
    /// (as written or with aliases expanded) pass the node budget are not composed, and the report
    /// lists the first diagnostics and counts the rest. Budgets are charged in file order, so which
    /// file is refused does not depend on scheduling.
    public func validate(paths: [String]) -> ValidationReport {
        let (files, pathDiagnostics) = PathExpander().expand(paths)
        var diagnostics = pathDiagnostics
        var omitted = 0
        var anyFileFailed = !pathDiagnostics.isEmpty

        let admittedBytes = admitBytes(files, diagnostics: &diagnostics)
        let texts = Self.readAll(files, admitted: admittedBytes)
        let allotments = admitNodes(files, texts: texts, diagnostics: &diagnostics)
        let parsed = parseAll(files, texts: texts, allotments: allotments)

        var specs: [InstanceSpec] = []
        for (index, result) in parsed.enumerated() {
            diagnostics += result.diagnostics
            omitted += result.omittedDiagnostics
            specs += result.instances
            anyFileFailed = anyFileFailed || result.failed || allotments[index] == nil
        }

        let validator = ConfigurationValidator(now: now, checksReferences: !anyFileFailed)
        let (state, ruleDiagnostics) = validator.validate(specs)
        diagnostics += ruleDiagnostics

        // Only errors are ever past a reader's limit, so anything omitted makes the run invalid.
        let hasErrors = omitted > 0 || diagnostics.contains { $0.severity == .error }
        var listed = Self.ordered(diagnostics, files: files)
        if listed.count > budget.diagnostics {
            omitted += listed.count - budget.diagnostics
            listed.removeLast(listed.count - budget.diagnostics)
        }
        return ValidationReport(
            diagnostics: listed,
            desiredState: hasErrors ? nil : state,
            files: files,
            omittedDiagnostics: omitted
        )
    }

    private struct ParsedFile: Sendable {
        var instances: [InstanceSpec] = []
        var diagnostics: [Diagnostic] = []
        var omittedDiagnostics = 0
        var failed = false
    }

    /// One file's text, or why there is none.
    private enum Text: Sendable {
        case text(String)
        case failed(Diagnostic)
        case notRead
    }

    /// The files whose sizes fit the byte budget, in order; each file past it gets an error and
    /// is not read at all.
    private func admitBytes(_ files: [String], diagnostics: inout [Diagnostic]) -> [Bool] {
        var remaining = budget.bytes
        return files.map { file in
            let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? 0
            guard size <= remaining else {
                diagnostics.append(
                    .error(
                        .documentTooLarge,
                        "not read: with this file (\(size) bytes) the run passes its budget of "
                            + "\(budget.bytes) bytes of configuration",
                        at: SourceLocation(file: file)
                    )
                )
                remaining = -1
                return false
            }
            remaining -= size
            return true
        }
    }

    private static func readAll(_ files: [String], admitted: [Bool]) -> [Text] {
        let results = ResultSlots<Text>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results[index] = admitted[index] ? read(files[index]) : .notRead
        }
        return results.values
    }

    private static func read(_ file: String) -> Text {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failed(.error(.unreadableFile, "cannot read the file", at: SourceLocation(file: file)))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failed(.error(.unreadableFile, "the file is not UTF-8 text", at: SourceLocation(file: file)))
        }
        return .text(text)
    }

    /// How many nodes each file may be read to: `nil` for a file that is refused (an alias used
    /// as a key, or past the node budget) or has no text. The prescans run in parallel, the
    /// charging in file order.
    private func admitNodes(_ files: [String], texts: [Text], diagnostics: inout [Diagnostic]) -> [Int?] {
        let limit = budget.nodes
        let scans = ResultSlots<YAMLPrescan.Outcome?>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            guard case .text(let text) = texts[index] else {
                scans[index] = .some(nil)
                return
            }
            scans[index] = .some(YAMLPrescan().scan(text, limit: limit))
        }
        var remaining = limit
        return zip(files, scans.values).map { file, scan -> Int? in
            guard let scan else { return nil }
            if let key = scan.aliasKey {
                diagnostics.append(
                    .error(
                        .aliasKey,
                        "an alias is used as a mapping key; keys must be plain strings (aliases may stand for values)",
                        at: SourceLocation(file: file, line: key.line, column: key.column)
                    )
                )
                return nil
            }
            let cost = max(scan.writtenNodes, scan.expandedNodes)
            guard cost <= remaining else {
                let size = cost >= YAMLPrescan.saturation || cost > limit ? "more than \(limit)" : "\(cost)"
                diagnostics.append(
                    .error(
                        .documentTooLarge,
                        "not read: the file holds \(size) nodes with its aliases expanded, past what is left "
                            + "of the run's budget of \(limit) nodes",
                        at: SourceLocation(file: file)
                    )
                )
                remaining = -1
                return nil
            }
            remaining -= cost
            return cost
        }
    }

    /// Files are parsed in parallel (YAML parsing dominates a large configuration) and the results
    /// kept in file order, so output does not depend on scheduling.
    private func parseAll(_ files: [String], texts: [Text], allotments: [Int?]) -> [ParsedFile] {
        let results = ResultSlots<ParsedFile>(count: files.count)
        let diagnosticLimit = budget.diagnostics
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            switch texts[index] {
            case .notRead:
                results[index] = ParsedFile(failed: true)
            case .failed(let diagnostic):
                results[index] = ParsedFile(diagnostics: [diagnostic], failed: true)
            case .text(let text):
                guard let allotment = allotments[index] else {
                    results[index] = ParsedFile(failed: true)
                    return
                }
                results[index] = Self.parse(
                    text,
                    file: files[index],
                    nodeBudget: allotment,
                    diagnosticLimit: diagnosticLimit
                )
            }
        }
        return results.values
    }

    private static func parse(_ text: String, file: String, nodeBudget: Int, diagnosticLimit: Int) -> ParsedFile {
        let result = DocumentParser(file: file, nodeBudget: nodeBudget, diagnosticLimit: diagnosticLimit).parse(text)
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
        return ParsedFile(
            instances: instances,
            diagnostics: result.diagnostics,
            omittedDiagnostics: result.omittedDiagnostics,
            failed: result.syntaxFailed
        )
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
