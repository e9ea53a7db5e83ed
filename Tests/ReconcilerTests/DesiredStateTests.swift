import Foundation
import Testing
import TestSupport
@testable import Reconciler

@Suite("The desired state")
struct DesiredStateTests {
    @Test("certificates carry DER, SHA-256 fingerprint, subject and validity")
    func certificateContents() throws {
        let notBefore = Date(timeIntervalSince1970: 1_700_000_000)
        let notAfter = Date(timeIntervalSince1970: 2_000_000_000)
        let issued = try TestCertificates.selfSigned(
            commonName: "vcenter-01.example",
            notValidBefore: notBefore,
            notValidAfter: notAfter
        )
        let yaml = YAMLText.document(adapters: [
            YAMLText.adapter("vcenter-01", certificates: [YAMLText.certificate("client", pem: issued.pem)])
        ])
        let report = try validate(yaml: yaml, now: Date(timeIntervalSince1970: 1_800_000_000))
        let state = try report.requireDesiredState()
        let certificate = try #require(state.instances.first?.adapters.first?.certificates.first)
        #expect(certificate.name == "client")
        #expect(certificate.der == issued.der)
        #expect(certificate.fingerprint == issued.fingerprint)
        #expect(certificate.subject == "CN=vcenter-01.example")
        #expect(certificate.notValidBefore == notBefore)
        #expect(certificate.notValidAfter == notAfter)
        #expect(certificate.source.line == 11)
        #expect(state.certificatesByFingerprint[issued.fingerprint]?.adapter == "vcenter-01")
        #expect(state.instances[0].adapter(named: "vcenter-01")?.rootKey == "root")
        #expect(state.instances[0].rootKey(named: "root")?.source.line == 5)
    }

    @Test("instances are sorted by name; equal configurations give equal states")
    func ordering() throws {
        let one = try YAMLText.minimal(instance: "zulu", adapter: "vc-z")
        let two = try YAMLText.minimal(instance: "alpha", adapter: "vc-a")
        try withTemporaryDirectory { directory in
            let a = try directory.write("a.yaml", one)
            let b = try directory.write("b.yaml", two)
            let forward = ConfigurationLoader().validate(paths: [a, b]).desiredState
            let backward = ConfigurationLoader().validate(paths: [b, a]).desiredState
            #expect(forward?.instances.map(\.name) == ["alpha", "zulu"])
            #expect(forward == backward)
        }
    }

    @Test("an invalid configuration has no desired state; requiring it throws every error")
    func invalidThrows() throws {
        let report = try validate(yaml: "apiVersion: kmipgw/v1\ninstances:\n  - name: x\n    color: red\n")
        #expect(report.desiredState == nil)
        #expect(throws: ConfigurationError.invalidConfiguration(diagnostics: [])) {
            try report.requireDesiredState()
        }
        do {
            _ = try report.requireDesiredState()
        } catch {
            #expect(error.code == .invalidConfiguration)
            #expect(error.diagnostics.count == 2)
        }
    }

    @Test("warnings alone keep the configuration valid")
    func warningsStayValid() throws {
        let report = try validate(yaml: YAMLText.document(adapters: [YAMLText.adapter("vc-idle", certificates: [])]))
        #expect(report.isValid)
        #expect(report.errors.isEmpty)
        #expect(report.warnings.count == 1)
    }
}
