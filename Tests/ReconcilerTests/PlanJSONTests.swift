import Foundation
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

/// The `-o json` plan: fixed field names, every field present, no PEM bodies.
@Suite struct PlanJSONTests {
    @Test func planDocumentHasTheDocumentedShape() async throws {
        let harness = try StoreHarness()
        let (a, b) = (try clientCertificate("a"), try clientCertificate("b"))
        try await harness.apply(
            YAMLText.document(
                rootKeys: ["root", "old"],
                adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-a", pem: a.pem)])]))
        let plan = try harness.plan(
            YAMLText.document(adapters: [
                "      - name: vc\n        description: Primary\n        rootKey: root\n        certificates:\n"
                    + YAMLText.certificate("cert-b", pem: b.pem)
            ]),
            prune: true)
        let json = try PlanDocument(plan).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            Set(object.keys)
                == ["formatVersion", "generation", "prune", "allowDestroy", "summary", "changes", "kept", "refusals"])
        #expect(object["formatVersion"] as? Int == 1)
        #expect(object["generation"] as? Int == 1)
        #expect(object["summary"] as? [String: Int] == ["add": 1, "change": 1, "delete": 2])
        #expect(object["refusals"] as? [String] == ["prod/old"])

        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.map { $0["address"] as? String } == ["prod/old", "prod/vc", "prod/vc/cert-a", "prod/vc/cert-b"])
        #expect(changes.map { $0["action"] as? String } == ["delete", "update", "delete", "create"])
        #expect(changes.map { $0["kind"] as? String } == ["rootKey", "adapter", "certificate", "certificate"])
        let fieldNames: Set<String> = [
            "action", "kind", "address", "instance", "adapter", "name", "fields", "certificate", "reason", "movedTo",
            "affectedObjects", "consequence", "needsAllowDestroy",
        ]
        for change in changes { #expect(Set(change.keys) == fieldNames) }
        #expect(changes[0]["adapter"] is NSNull, "absent values are written as null")
        #expect(changes[0]["needsAllowDestroy"] as? Bool == true)
        #expect(changes[0]["reason"] as? String == "not-in-files")
        let fields = try #require(changes[1]["fields"] as? [[String: Any]])
        #expect(fields.count == 1)
        #expect(fields[0]["field"] as? String == "description")
        #expect(fields[0]["old"] is NSNull)
        #expect(fields[0]["new"] as? String == "Primary")
        let certificate = try #require(changes[3]["certificate"] as? [String: String])
        #expect(certificate == ["fingerprint": b.fingerprint, "subject": "CN=b", "notValidAfter": certificate["notValidAfter"] ?? ""])
        #expect(certificate["notValidAfter"]?.hasSuffix("Z") == true)

        #expect(!json.contains("CERTIFICATE"))
        #expect(!json.contains(Data(b.der).base64EncodedString().prefix(40)))

        let decoded = try JSONDecoder().decode(PlanDocument.self, from: Data(json.utf8))
        #expect(decoded == PlanDocument(plan))
    }

    @Test func emptyPlanDocument() throws {
        let harness = try StoreHarness()
        let plan = try harness.plan("apiVersion: kmipgw/v1\ninstances: []\n")
        let document = PlanDocument(plan)
        #expect(document.changes.isEmpty)
        #expect(document.summary == PlanDocument.Summary(add: 0, change: 0, delete: 0))
    }
}
