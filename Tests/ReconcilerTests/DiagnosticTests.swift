import Testing
@testable import Reconciler

@Suite("Diagnostic values and their printed form")
struct DiagnosticTests {
    @Test("the printed line is file:line:column: severity: path: message")
    func printedLine() {
        let diagnostic = Diagnostic(
            severity: .error,
            code: .adapterNameLength,
            message: "must be 2–40 characters (got 1)",
            location: SourceLocation(file: "examples/bad/x.yaml", line: 12, column: 7),
            fieldPath: FieldPath.root.appending("instances").appending(index: 0).appending("adapters")
                .appending(index: 0).appending("name")
        )
        #expect(
            diagnostic.description
                == "examples/bad/x.yaml:12:7: error: instances[0].adapters[0].name: must be 2–40 characters (got 1)"
        )
    }

    @Test("whole-file and location-less diagnostics print without the missing parts")
    func partialLocations() {
        let file = Diagnostic(severity: .warning, code: .emptyFile, message: "empty", location: SourceLocation(file: "a.yaml"))
        #expect(file.description == "a.yaml: warning: empty")
        let none = Diagnostic(severity: .error, code: .noConfigurationFiles, message: "none", location: nil)
        #expect(none.description == "error: none")
    }

    @Test("codes have stable kebab-case names that round-trip")
    func codeNames() {
        #expect(Diagnostic.Code.certificateReused.description == "certificate-reused")
        #expect(Diagnostic.Code(name: "private-key") == .privateKey)
        #expect(Diagnostic.Code(name: "no-such-rule") == nil)
    }

    @Test("a typo's suggestion is the closest allowed key")
    func suggestions() {
        #expect(NodeReader.closest(to: "descripton", in: DocumentParser.adapterFields) == "description")
        #expect(NodeReader.closest(to: "PEM", in: DocumentParser.certificateFields) == "pem")
        #expect(NodeReader.closest(to: "colour", in: DocumentParser.adapterFields) == nil)
    }
}
