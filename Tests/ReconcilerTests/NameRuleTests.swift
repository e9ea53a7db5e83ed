import Testing
@testable import Reconciler

@Suite("Name rules")
struct NameRuleTests {
    private func located(_ name: String) -> Located<String> {
        Located(value: name, location: SourceLocation(file: "t.yaml", line: 1, column: 1), path: .root)
    }

    @Test(
        "instance and root-key names are DNS labels of 2–63 characters",
        arguments: ["ab", "prod-us-south", "r2", String(repeating: "a", count: 63), "0a"]
    )
    func dnsLabelsAccepted(name: String) {
        #expect(NameRule.instance.check(located(name)).isEmpty)
        #expect(NameRule.rootKey.check(located(name)).isEmpty)
    }

    @Test(
        "instance and root-key names outside the rule are rejected",
        arguments: ["a", "Prod", "prod_1", "-prod", "prod-", "prod us", "prød", String(repeating: "a", count: 64), ""]
    )
    func dnsLabelsRejected(name: String) {
        #expect(NameRule.instance.check(located(name)).map(\.code).allSatisfy { $0 == .instanceName })
        #expect(!NameRule.instance.check(located(name)).isEmpty)
        #expect(NameRule.rootKey.check(located(name)).map(\.code).allSatisfy { $0 == .rootKeyName })
        #expect(!NameRule.rootKey.check(located(name)).isEmpty)
    }

    @Test("adapter names: 2–40 characters, length and characters reported separately")
    func adapterNames() {
        #expect(NameRule.adapter.check(located("vcenter-01")).isEmpty)
        #expect(NameRule.adapter.check(located("VC01.primary_site")).isEmpty)
        #expect(NameRule.adapter.check(located(String(repeating: "a", count: 40))).isEmpty)
        #expect(NameRule.adapter.check(located("x")).map(\.message) == ["must be 2–40 characters (got 1)"])
        #expect(NameRule.adapter.check(located(String(repeating: "a", count: 41))).map(\.code) == [.adapterNameLength])
        #expect(NameRule.adapter.check(located("vcenter 01")).map(\.code) == [.adapterNameCharacters])
        #expect(NameRule.adapter.check(located("-vc")).map(\.code) == [.adapterNameCharacters])
    }

    @Test("certificate names: 2–64 characters of letters, digits, '.', '_' and '-'")
    func certificateNames() {
        #expect(NameRule.certificate.check(located("vcenter-01.client_2026")).isEmpty)
        #expect(NameRule.certificate.check(located(String(repeating: "c", count: 64))).isEmpty)
        #expect(NameRule.certificate.check(located(String(repeating: "c", count: 65))).map(\.code) == [.certificateName])
        #expect(NameRule.certificate.check(located("c")).map(\.code) == [.certificateName])
        #expect(NameRule.certificate.check(located("client/1")).map(\.code) == [.certificateName])
    }

    @Test("a bad instance name in YAML points at the name")
    func instanceNameInYAML() throws {
        let report = try validate(yaml: try YAMLText.minimal(instance: "Prod_US"))
        let error = try #require(report.errors(.instanceName).first)
        #expect(error.location?.line == 3)
        #expect(error.location?.column == 11)
        #expect(error.fieldPath.description == "instances[0].name")
    }
}
