import Testing
import TestSupport
@testable import Reconciler

@Suite("Adapter rules")
struct AdapterRuleTests {
    private func adapterYAML(
        name: String = "vcenter-01",
        extra: String = "",
        rootKey: String? = "root"
    ) throws -> String {
        let issued = try TestCertificates.selfSigned()
        var text = "      - name: \(name)\n" + extra
        if let rootKey { text += "        rootKey: \(rootKey)\n" }
        text += "        certificates:\n" + YAMLText.certificate("client", pem: issued.pem)
        return text
    }

    @Test("an adapter name must be 2–40 characters; the error shows the length and position")
    func nameLength() throws {
        let report = try validate(yaml: YAMLText.document(adapters: [try adapterYAML(name: "v")]))
        let error = try #require(report.errors(.adapterNameLength).first)
        #expect(error.message == "must be 2–40 characters (got 1)")
        #expect(error.location?.line == 7)
        #expect(error.location?.column == 15)
        #expect(error.fieldPath.description == "instances[0].adapters[0].name")
        let long = try validate(
            yaml: YAMLText.document(adapters: [try adapterYAML(name: String(repeating: "v", count: 41))])
        )
        #expect(long.errors(.adapterNameLength).first?.message == "must be 2–40 characters (got 41)")
    }

    @Test("adapter names are unique within an instance, but may repeat across instances")
    func uniqueness() throws {
        let twice = try validate(yaml: YAMLText.document(adapters: [try adapterYAML(), try adapterYAML()]))
        let error = try #require(twice.errors(.duplicateAdapter).first)
        #expect(error.fieldPath.description == "instances[0].adapters[1].name")
        #expect(error.message.contains(":7:15"))

        let yaml = YAMLText.document(instance: "one", adapters: [try adapterYAML()]) + "---\n"
            + YAMLText.document(instance: "two", adapters: [try adapterYAML()])
        let report = try validate(yaml: yaml)
        #expect(report.isValid, "\(report.transcript)")
    }

    @Test("a description, when given, is 2–240 characters")
    func description() throws {
        let ok = try validate(
            yaml: YAMLText.document(adapters: [try adapterYAML(extra: "        description: Primary vCenter\n")])
        )
        #expect(ok.isValid, "\(ok.transcript)")
        #expect(ok.desiredState?.instances.first?.adapters.first?.description == "Primary vCenter")

        let short = try validate(yaml: YAMLText.document(adapters: [try adapterYAML(extra: "        description: x\n")]))
        #expect(short.errors(.descriptionLength).first?.message == "must be 2–240 characters when given (got 1)")
        #expect(short.errors(.descriptionLength).first?.fieldPath.description == "instances[0].adapters[0].description")

        let long = String(repeating: "d", count: 241)
        let tooLong = try validate(
            yaml: YAMLText.document(adapters: [try adapterYAML(extra: "        description: \(long)\n")])
        )
        #expect(tooLong.errors(.descriptionLength).count == 1)

        let none = try validate(yaml: YAMLText.document(adapters: [try adapterYAML()]))
        #expect(none.desiredState?.instances.first?.adapters.first?.description == nil)
    }

    @Test("rootKey is required")
    func rootKeyRequired() throws {
        let report = try validate(yaml: YAMLText.document(adapters: [try adapterYAML(rootKey: nil)]))
        let error = try #require(report.errors(.missingField).first)
        #expect(error.message == "required field 'rootKey' is missing")
        #expect(error.fieldPath.description == "instances[0].adapters[0]")
    }

    @Test("rootKey must name a root key of the same instance")
    func rootKeyReference() throws {
        let report = try validate(yaml: YAMLText.document(adapters: [try adapterYAML(rootKey: "other")]))
        let error = try #require(report.errors(.unknownRootKey).first)
        #expect(error.message == "names no root key of instance 'prod' (defined: root)")
        #expect(error.location?.line == 8)

        let elsewhere = YAMLText.document(instance: "one", rootKeys: ["shared"], adapters: []) + "---\n"
            + YAMLText.document(instance: "two", rootKeys: [], adapters: [try adapterYAML(rootKey: "shared")])
        let crossInstance = try validate(yaml: elsewhere)
        #expect(
            crossInstance.errors(.unknownRootKey).first?.message
                == "names no root key of instance 'two' (the instance defines no root key)"
        )
    }

    @Test("at most 200 adapters per instance, counted after merging files")
    func adapterLimit() throws {
        let issued = try TestCertificates.many(201)
        let adapters = issued.enumerated().map { index, certificate in
            YAMLText.adapter("vc-\(index)", certificates: [YAMLText.certificate("client", pem: certificate.pem)])
        }
        let atLimit = try validate(yaml: YAMLText.document(adapters: Array(adapters.prefix(200))))
        #expect(atLimit.isValid, "\(atLimit.transcript)")
        let over = try validate(yaml: YAMLText.document(adapters: adapters))
        let error = try #require(over.errors(.tooManyAdapters).first)
        #expect(error.message == "instance 'prod' has 201 adapters; at most 200 are allowed")
        #expect(error.fieldPath.description == "instances[0].adapters[200]")
        #expect(over.errors.count == 1)
    }

    @Test("an adapter without certificates is a warning")
    func noCertificates() throws {
        let report = try validate(yaml: YAMLText.document(adapters: [YAMLText.adapter("vc-empty", certificates: [])]))
        #expect(report.isValid)
        #expect(report.warnings(.adapterWithoutCertificates).count == 1)
    }
}
