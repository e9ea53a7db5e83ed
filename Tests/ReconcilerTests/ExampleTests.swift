import Foundation
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

@Suite("The examples/ directory")
struct ExampleTests {
    @Test("every good example validates without errors", arguments: ["examples/quickstart", "examples/multi-cluster"])
    func goodExamples(directory: String) {
        let report = ConfigurationLoader().validate(paths: [PackageRoot.appending(directory)])
        #expect(report.isValid, "\(report.transcript)")
        #expect(report.warnings.isEmpty, "\(report.transcript)")
    }

    @Test("the multi-cluster layout merges its files into three instances")
    func multiCluster() throws {
        let report = ConfigurationLoader().validate(paths: [PackageRoot.appending("examples/multi-cluster")])
        let state = try report.requireDesiredState()
        #expect(state.instances.map(\.name) == ["dr-eu-north", "lab", "prod-eu-west"])
        #expect(state.instance(named: "prod-eu-west")?.adapters.map(\.name) == ["vcenter-01", "vcenter-02"])
        #expect(state.instance(named: "prod-eu-west")?.adapter(named: "vcenter-01")?.certificates.count == 2)
    }

    @Test("the quickstart YAML holds demo-client.pem, and demo-client.key is its key")
    func quickstartDemoPair() throws {
        let report = ConfigurationLoader().validate(paths: [PackageRoot.appending("examples/quickstart")])
        let certificate = try #require(report.desiredState?.instances.first?.adapters.first?.certificates.first)
        let pemText = try String(contentsOfFile: PackageRoot.appending("examples/quickstart/demo-client.pem"), encoding: .utf8)
        let fromFile = try CertificateInspector().inspect(pemText).get()
        #expect(fromFile.fingerprint == certificate.fingerprint)
        #expect(certificate.subject == "CN=kmipgw-demo-client")

        let keyText = try String(contentsOfFile: PackageRoot.appending("examples/quickstart/demo-client.key"), encoding: .utf8)
        #expect(keyText.contains("DEMO KEY - DO NOT USE IN PRODUCTION"))
        #expect(try TestCertificates.privateKey(keyText, matchesCertificateDER: certificate.der))
    }

    /// `# expect: error CODE at LINE:COLUMN` from a bad example's header.
    private struct Expectation {
        var severity: Diagnostic.Severity
        var code: String
        var line: Int
        var column: Int

        init?(header text: String) {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# expect: ") }) else { return nil }
            let words = line.dropFirst("# expect: ".count).split(separator: " ")
            guard words.count == 4, words[2] == "at", let severity = Diagnostic.Severity(rawValue: String(words[0]))
            else { return nil }
            let position = words[3].split(separator: ":").compactMap { Int($0) }
            guard position.count == 2 else { return nil }
            self.severity = severity
            self.code = String(words[1])
            self.line = position[0]
            self.column = position[1]
        }
    }

    @Test("every bad example produces exactly the diagnostic its header and file name announce", arguments: try PackageRoot.yamlFiles(in: "examples/bad"))
    func badExample(file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let expectation = try #require(Expectation(header: text), "no '# expect:' header in \(file)")
        #expect(file.hasSuffix("/\(expectation.code).yaml"), "a bad example is named after its code")
        #expect(Diagnostic.Code(name: expectation.code) != nil, "unknown code \(expectation.code)")

        let report = ConfigurationLoader().validate(paths: [file])
        #expect(report.diagnostics.count == 1, "\(report.transcript)")
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.code.description == expectation.code)
        #expect(diagnostic.severity == expectation.severity)
        #expect(diagnostic.location == SourceLocation(file: file, line: expectation.line, column: expectation.column))
        #expect(report.isValid == (expectation.severity == .warning))
    }

    @Test("examples/bad/README.md shows every bad example")
    func readmeCoversEveryExample() throws {
        let readme = try String(contentsOfFile: PackageRoot.appending("examples/bad/README.md"), encoding: .utf8)
        for file in try PackageRoot.yamlFiles(in: "examples/bad") {
            let name = (file as NSString).lastPathComponent
            #expect(readme.contains("examples/bad/\(name):"), "README.md does not show \(name)")
        }
    }
}
