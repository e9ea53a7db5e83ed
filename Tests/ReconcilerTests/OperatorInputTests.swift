import Foundation
import KMIP
import TestSupport
import Testing
@testable import Reconciler

/// Issue 11, finding 13: what operators and clients write reaches terminals and CI logs only
/// escaped, and a description never holds a pasted private key.
@Suite("Operator input in human-readable output")
struct OperatorInputTests {
    static let hostile = "CN=a\n::error::injected\u{1b}[31m\u{202e}"

    @Test("a certificate subject cannot start a line of its own or send ESC in a text plan")
    func planSubject() {
        let change = PlanChange(
            action: .create, kind: .certificate, instance: "prod", adapter: "vc\u{1b}", name: "c",
            certificate: PlanCertificate(fingerprint: "ab", subject: Self.hostile, notValidAfter: Date()),
            operations: []
        )
        let text = PlanTextRenderer().render(
            Plan(generation: 1, options: PlanOptions(), changes: [change], kept: []))
        Self.expectClean(text)
        #expect(text.contains("CN=a\\u{a}::error::injected\\u{1b}[31m\\u{202e}"), "\(text)")
    }

    @Test("get tables and describe text escape what KMIP clients and certificates named")
    func views() {
        let table = ViewRenderer.table([
            CertificateView(
                instance: "prod", adapter: "vc", name: "c", fingerprint: "ab", subject: Self.hostile,
                notValidBefore: "2026-01-01", notValidAfter: "2027-01-01")
        ])
        Self.expectClean(table)
        let detail = AdapterDetail(
            adapter: AdapterView(
                instance: "prod", name: "vc", description: "line\nbreak", rootKey: "root", certificates: 0,
                objects: 1, createdAt: "t", updatedAt: "t"),
            certificates: [],
            objects: [
                ObjectView(
                    instance: "prod", adapter: "vc", identifier: "k-1", names: ["evil\u{1b}]0;title\u{7}"],
                    type: "SymmetricKey", algorithm: "AES", length: 256, state: "Active", created: "t",
                    lastChanged: "t")
            ]
        )
        Self.expectClean(detail.text())
    }

    @Test("validate's lines escape keys the file holds")
    func diagnostics() throws {
        let report = try validate(yaml: "apiVersion: kmipgw/v1\ninstances: []\n\"x\\n::error::y\\e\": 1\n")
        let line = try #require(report.errors(.unknownField).first?.description)
        Self.expectClean(line)
        #expect(line.contains("x\\u{a}::error::y\\u{1b}"))
    }

    @Test("a description holding a pasted private key is refused, naming the block, never echoing it")
    func descriptionPrivateKey() throws {
        let issued = try TestCertificates.selfSigned()
        let key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIsecretsecret\n-----END EC PRIVATE KEY-----"
        let escapedKey = key.replacingOccurrences(of: "\n", with: "\\n")
        let adapter = "      - name: vcenter-01\n" + "        description: \"\(escapedKey)\"\n"
            + "        rootKey: root\n" + "        certificates:\n"
            + YAMLText.certificate("client", pem: issued.pem)
        let report = try validate(yaml: YAMLText.document(adapters: [adapter]))
        let error = try #require(report.errors(.privateKey).first, "\(report.transcript)")
        #expect(error.fieldPath.description == "instances[0].adapters[0].description")
        #expect(error.message.contains("PEM block 'EC PRIVATE KEY'"))
        #expect(!report.transcript.contains("secretsecret"))
    }

    static func expectClean(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let lines = text.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("::error::") }, "\(text)", sourceLocation: sourceLocation)
        let controls = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }
        #expect(controls.isEmpty, "\(text)", sourceLocation: sourceLocation)
    }
}
