import Foundation
import Testing
@testable import Reconciler

@Suite("YAML syntax, shape and unknown fields")
struct SyntaxTests {
    @Test("a YAML syntax error keeps libyaml's position")
    func syntaxErrorPosition() throws {
        let report = try validate(yaml: "apiVersion: kmipgw/v1\ninstances:\n  - name: prod\n    rootKeys: [a, b\n")
        let error = try #require(report.errors(.yamlSyntax).first, "\(report.transcript)")
        #expect(error.location?.line == 5)
        #expect(error.location?.column == 1)
        #expect(report.diagnostics.count == 1)
    }

    @Test("a key given twice in one mapping is an error at the key")
    func duplicateKey() throws {
        let report = try validate(yaml: "apiVersion: kmipgw/v1\ninstances: []\ninstances: []\n")
        let error = try #require(report.errors(.duplicateKey).first, "\(report.transcript)")
        #expect(error.message.contains("'instances'"))
        #expect(error.location?.line == 2)
        #expect(!error.message.contains("apiVersion"), "the whole file must not be echoed")
    }

    @Test("an unknown field is an error with a suggestion and the key's position")
    func unknownField() throws {
        let yaml = try YAMLText.minimal().replacingOccurrences(of: "rootKey: root", with: "rootkey: root")
        let report = try validate(yaml: yaml)
        let unknown = try #require(report.errors(.unknownField).first, "\(report.transcript)")
        #expect(unknown.message.contains("did you mean 'rootKey'?"))
        #expect(unknown.location?.line == 8)
        #expect(unknown.location?.column == 9)
        #expect(unknown.fieldPath.description == "instances[0].adapters[0].rootkey")
        #expect(report.errors(.missingField).map(\.fieldPath.description) == ["instances[0].adapters[0]"])
    }

    @Test("unknown top-level fields are errors too")
    func unknownTopLevel() throws {
        let report = try validate(yaml: "apiVersion: kmipgw/v1\nkind: Gateway\ninstances: []\n")
        #expect(report.errors(.unknownField).map(\.fieldPath.description) == ["kind"])
    }

    @Test("a missing apiVersion or instances is an error; another apiVersion is rejected")
    func apiVersion() throws {
        let missing = try validate(yaml: "instances: []\n")
        #expect(missing.errors(.missingField).count == 1)
        let other = try validate(yaml: "apiVersion: kmipgw/v2\ninstances: []\n")
        let error = try #require(other.errors(.unsupportedAPIVersion).first)
        #expect(error.location == SourceLocation(file: error.location?.file ?? "", line: 1, column: 13))
        let noInstances = try validate(yaml: "apiVersion: kmipgw/v1\n")
        #expect(noInstances.errors(.missingField).map(\.message) == ["required field 'instances' is missing"])
    }

    @Test("a number where a string belongs is a type error that says how to quote it")
    func wrongType() throws {
        let report = try validate(yaml: "apiVersion: kmipgw/v1\ninstances:\n  - name: 2024\n")
        let error = try #require(report.errors(.wrongType).first)
        #expect(error.message == "expected a string, got a number (quote it: \"2024\")")
        #expect(error.fieldPath.description == "instances[0].name")
        let list = try validate(yaml: "apiVersion: kmipgw/v1\ninstances:\n  name: prod\n")
        #expect(list.errors(.wrongType).map(\.message) == ["expected a list, got a mapping"])
    }

    @Test(
        "plain scalars YAML reads as numbers, booleans, null or dates are not names",
        arguments: ["2024", "1.5", "yes", "off", "true", "null", "~", "2024-01-01", ".inf", "0x1f", "''"]
    )
    func nonStringScalars(value: String) throws {
        let report = try validate(yaml: "apiVersion: kmipgw/v1\ninstances:\n  - name: \(value)\n")
        if value == "''" {
            #expect(report.errors.map(\.code) == [.instanceName], "\(report.transcript)")
        } else {
            #expect(report.errors.map(\.code) == [.wrongType], "\(report.transcript)")
        }
    }

    @Test("quoted, explicitly tagged and ordinary plain scalars are strings", arguments: ["\"2024\"", "'yes'", "!!str 2024", "prod", "n1", "t-1"])
    func stringScalars(value: String) throws {
        let report = try validate(yaml: "apiVersion: kmipgw/v1\ninstances:\n  - name: \(value)\n")
        #expect(report.errors.isEmpty, "\(report.transcript)")
    }

    @Test("one run reports every error, across fields and files")
    func reportsEverything() throws {
        let yaml = """
            apiVersion: kmipgw/v1
            instances:
              - name: P
                rootKeys:
                  - name: r
                adapters:
                  - name: x
                    descripton: typo
                    rootKey: missing
                    certificates:
                      - name: c
                        pem: not a certificate

            """
        let report = try validate(yaml: yaml)
        let codes = Set(report.errors.map(\.code))
        #expect(
            codes == [
                .instanceName, .rootKeyName, .adapterNameLength, .unknownField, .unknownRootKey, .certificateName,
                .pemNoCertificate,
            ],
            "\(report.transcript)"
        )
    }

    @Test("an empty file is a warning, not an error")
    func emptyFile() throws {
        let report = try validate(yaml: "# nothing here yet\n")
        #expect(report.warnings(.emptyFile).count == 1)
        #expect(report.errors.isEmpty)
    }

    @Test("several documents in one file are all read")
    func multipleDocuments() throws {
        let yaml = try YAMLText.minimal(instance: "one") + "---\n" + YAMLText.minimal(instance: "two")
        let report = try validate(yaml: yaml)
        #expect(report.desiredState?.instances.map(\.name) == ["one", "two"], "\(report.transcript)")
    }

    @Test("aliases that multiply nodes stop at the node budget instead of exhausting time and memory")
    func aliasBomb() throws {
        let certificates = Array(repeating: "*c", count: 20).joined(separator: ", ")
        let adapters = Array(repeating: "*a", count: 20).joined(separator: ", ")
        let instances = Array(repeating: "*i", count: 20).joined(separator: ", ")
        let certificate = "&c {name: c, pem: x}"
        let adapter = "&a {name: vc, rootKey: r, certificates: [\(certificate), \(certificates)]}"
        let instance = "&i {name: prod, adapters: [\(adapter), \(adapters)]}"
        let yaml = "apiVersion: kmipgw/v1\ninstances: [\(instance), \(instances)]\n"
        let result = DocumentParser(file: "bomb.yaml", nodeBudget: 10_000).parse(yaml)
        #expect(result.diagnostics.contains { $0.code == .documentTooLarge })
    }
}
