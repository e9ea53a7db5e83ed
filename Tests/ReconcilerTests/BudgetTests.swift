import Foundation
import TestSupport
import Testing
@testable import Reconciler

/// The review's worst inputs (issue 11, finding 11), built here rather than committed: each is
/// refused by the run's budget with a short error list, instead of costing minutes and gigabytes.
@Suite("A budget per run: bytes, nodes, diagnostics")
struct BudgetTests {
    /// Anchors that each stand for ten of the previous one: `levels` lines stand for 10^levels nodes.
    static func laughs(levels: Int) -> String {
        var text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<levels {
            let aliases = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(aliases)]\n"
        }
        return text
    }

    @Test(
        "an alias used as a mapping key is refused before Yams hashes the tree it stands for",
        arguments: ["? *l6\n: v\n", "*l6 : v\n", "m: {*l6 : v}\n"]
    )
    func aliasKey(use: String) throws {
        let yaml = Self.laughs(levels: 7) + use
        let report = try validate(yaml: yaml)
        #expect(report.errors.map(\.code.description) == ["alias-key"], "\(report.transcript)")
        #expect(report.diagnostics.count == 1)
        #expect(report.errors.first?.location?.line == 8)
    }

    @Test("aliases as values still work")
    func aliasValue() throws {
        let yaml = try YAMLText.minimal().replacingOccurrences(of: "  - name: root", with: "  - name: &r root")
            .replacingOccurrences(of: "rootKey: root", with: "rootKey: *r")
        #expect(yaml.contains("*r"))
        let report = try validate(yaml: yaml)
        #expect(report.errors.isEmpty, "\(report.transcript)")
    }

    @Test("a billion-laughs file is refused before it is composed, with one error instead of hundreds of thousands")
    func billionLaughs() throws {
        // Each expanded instance holds unknown fields: reading it would report one error per node.
        var yaml = "apiVersion: kmipgw/v1\n"
        yaml += "x0: &x0 [{name: a, bogus: 1}, {name: b, bogus: 1}, {name: c, bogus: 1}]\n"
        for level in 1..<9 {
            yaml += "x\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 9).joined(separator: ", ")
                + "]\n"
        }
        yaml += "instances: *x8\n"
        let report = try validate(yaml: yaml)
        #expect(report.errors.map(\.code) == [.documentTooLarge], "\(report.transcript)")
        #expect(report.errors.first?.message.contains("500000 nodes") == true)
        #expect(report.omittedDiagnostics == 0)
    }

    @Test("a 50 MB file of small nodes is refused at the node budget, not composed into gigabytes")
    func smallNodes() throws {
        let line = "  - {n: x}\n"
        let count = 50_000_000 / line.utf8.count
        let yaml = "apiVersion: kmipgw/v1\ninstances:\n" + String(repeating: line, count: count)
        #expect(yaml.utf8.count >= 50_000_000)
        let report = try validate(yaml: yaml)
        #expect(report.errors.map(\.code) == [.documentTooLarge], "\(report.transcript.prefix(2_000))")
        #expect(report.diagnostics.count == 1)
    }

    @Test("bytes are budgeted across the files of a run, charged in file order")
    func bytes() throws {
        try withTemporaryDirectory { directory in
            let first = try directory.write("a.yaml", try YAMLText.minimal(instance: "one"))
            let second = try directory.write("b.yaml", try YAMLText.minimal(instance: "two"))
            let size = try #require(FileManager.default.attributesOfItem(atPath: first)[.size] as? Int)
            let loader = ConfigurationLoader(budget: ValidationBudget(bytes: size + 10))
            let report = loader.validate(paths: [directory.path])
            #expect(report.errors.map(\.code) == [.documentTooLarge], "\(report.transcript)")
            #expect(report.errors.first?.location?.file == second)
            #expect(!report.isValid)
        }
    }

    @Test("nodes are budgeted across the files of a run")
    func nodesAcrossFiles() throws {
        try withTemporaryDirectory { directory in
            try directory.write("a.yaml", try YAMLText.minimal(instance: "one"))
            let second = try directory.write("b.yaml", try YAMLText.minimal(instance: "two"))
            let single = ConfigurationLoader().validate(paths: [directory.path + "/a.yaml"])
            #expect(single.isValid, "\(single.transcript)")
            let report = ConfigurationLoader(budget: ValidationBudget(nodes: 30)).validate(paths: [directory.path])
            #expect(report.errors.map(\.code) == [.documentTooLarge], "\(report.transcript)")
            #expect(report.errors.first?.location?.file == second)
        }
    }

    @Test("the error list holds the first errors and counts the rest")
    func cappedList() throws {
        let instances = (0..<5_000).map { "  - {name: i\($0), bogus: 1}\n" }.joined()
        let report = try validate(yaml: "apiVersion: kmipgw/v1\ninstances:\n" + instances)
        #expect(report.diagnostics.count == 100)
        #expect(report.omittedDiagnostics >= 4_900)
        #expect(report.diagnostics.first?.location?.line == 3)
        #expect(!report.isValid)
    }
}
