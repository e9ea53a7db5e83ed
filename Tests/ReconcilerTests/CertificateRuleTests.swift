import Foundation
import Testing
import TestSupport
@testable import Reconciler

@Suite("Certificate rules")
struct CertificateRuleTests {
    private func document(_ certificates: [String]) -> String {
        YAMLText.document(adapters: [YAMLText.adapter("vcenter-01", certificates: certificates)])
    }

    @Test("exactly one of pem and pemFile")
    func pemSource() throws {
        let neither = try validate(yaml: document(["          - name: client\n"]))
        #expect(neither.errors(.pemSourceMissing).first?.fieldPath.description == "instances[0].adapters[0].certificates[0]")
        let issued = try TestCertificates.selfSigned()
        let both = try validate(
            yaml: document([YAMLText.certificate("client", pem: issued.pem) + "            pemFile: client.pem\n"])
        )
        let error = try #require(both.errors(.pemSourceConflict).first)
        #expect(error.fieldPath.description == "instances[0].adapters[0].certificates[0].pemFile")
    }

    @Test("pemFile is relative to the YAML file that names it")
    func pemFileRelative() throws {
        let issued = try TestCertificates.selfSigned()
        try withTemporaryDirectory { directory in
            try directory.write("gitops/certs/client.pem", issued.pem)
            try directory.write("gitops/prod.yaml", document([YAMLText.certificate("client", pemFile: "certs/client.pem")]))
            let report = ConfigurationLoader().validate(paths: [directory.path + "/gitops"])
            let certificate = try #require(report.desiredState?.instances.first?.adapters.first?.certificates.first)
            #expect(certificate.der == issued.der)
        }
    }

    @Test("an unreadable pemFile is an error at the pemFile field")
    func pemFileMissing() throws {
        try withTemporaryDirectory { directory in
            let file = try directory.write("prod.yaml", document([YAMLText.certificate("client", pemFile: "nope.pem")]))
            let report = ConfigurationLoader().validate(paths: [file])
            let error = try #require(report.errors(.pemFileUnreadable).first)
            #expect(error.location == SourceLocation(file: file, line: 11, column: 22))
            #expect(error.message.contains(directory.path + "/nope.pem"))
        }
    }

    @Test("the PEM must hold BEGIN CERTIFICATE and END CERTIFICATE")
    func markers() throws {
        let issued = try TestCertificates.selfSigned()
        let noEnd = issued.pem.replacingOccurrences(of: "-----END CERTIFICATE-----", with: "")
        for pem in ["just text", noEnd, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"] {
            let report = try validate(yaml: document([YAMLText.certificate("client", pem: pem)]))
            let error = try #require(report.errors(.pemNoCertificate).first, "\(pem)")
            #expect(error.fieldPath.description == "instances[0].adapters[0].certificates[0].pem")
            #expect(error.location?.line == 11)
        }
    }

    @Test("bad base64 and DER that is not X.509 are different errors")
    func parsing() throws {
        let badBase64 = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----"
        #expect(try validate(yaml: document([YAMLText.certificate("client", pem: badBase64)])).errors(.pemInvalid).count == 1)
        let notX509 = "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----"
        let report = try validate(yaml: document([YAMLText.certificate("client", pem: notX509)]))
        #expect(report.errors(.certificateInvalid).count == 1, "\(report.transcript)")
    }

    @Test("a pasted private key is an error whose message never echoes the key")
    func privateKey() throws {
        let issued = try TestCertificates.selfSigned()
        let report = try validate(yaml: document([YAMLText.certificate("client", pem: issued.pem + issued.privateKeyPEM)]))
        let error = try #require(report.errors(.privateKey).first)
        #expect(error.message.contains("PEM block 'PRIVATE KEY'"))
        let keyLines = issued.privateKeyPEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }
        for line in keyLines {
            #expect(!report.transcript.contains(line))
        }
        let rsaStyle = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecret\n-----END RSA PRIVATE KEY-----"
        let alone = try validate(yaml: document([YAMLText.certificate("client", pem: rsaStyle)]))
        #expect(alone.errors.map(\.code) == [.privateKey])
        #expect(!alone.transcript.contains("MIIEowIBAAKCAQEAsecret"))
    }

    @Test("a chain of several certificates in one entry is an error")
    func multiple() throws {
        let first = try TestCertificates.selfSigned()
        let second = try TestCertificates.selfSigned()
        let report = try validate(yaml: document([YAMLText.certificate("client", pem: first.pem + second.pem)]))
        #expect(report.errors(.pemMultipleCertificates).first?.message.hasPrefix("holds 2 certificates") == true)
    }

    @Test("certificate names are unique in their adapter")
    func uniqueNames() throws {
        let issued = try TestCertificates.many(2)
        let report = try validate(
            yaml: document([
                YAMLText.certificate("client", pem: issued[0].pem), YAMLText.certificate("client", pem: issued[1].pem),
            ])
        )
        let error = try #require(report.errors(.duplicateCertificate).first)
        #expect(error.fieldPath.description == "instances[0].adapters[0].certificates[1].name")
        #expect(error.message.contains(":10:19"))
    }

    @Test("at most 200 certificates per adapter")
    func limit() throws {
        let issued = try TestCertificates.many(201)
        let entries = issued.enumerated().map { YAMLText.certificate("client-\($0)", pem: $1.pem) }
        let atLimit = try validate(yaml: document(Array(entries.prefix(200))))
        #expect(atLimit.isValid, "\(atLimit.transcript)")
        let over = try validate(yaml: document(entries))
        let error = try #require(over.errors(.tooManyCertificates).first)
        #expect(error.message == "adapter 'vcenter-01' has 201 certificates; at most 200 are allowed")
        #expect(error.fieldPath.description == "instances[0].adapters[0].certificates[200]")
    }

    @Test("one certificate belongs to one adapter only, across every instance")
    func fingerprintUniqueness() throws {
        let issued = try TestCertificates.selfSigned()
        try withTemporaryDirectory { directory in
            let one = try directory.write("a.yaml", YAMLText.document(instance: "one", adapters: [
                YAMLText.adapter("vc", certificates: [YAMLText.certificate("client", pem: issued.pem)]),
            ]))
            let two = try directory.write("b.yaml", YAMLText.document(instance: "two", adapters: [
                YAMLText.adapter("vc", certificates: [YAMLText.certificate("other", pem: issued.pem)]),
            ]))
            let report = ConfigurationLoader().validate(paths: [one, two])
            let error = try #require(report.errors(.certificateReused).first)
            #expect(error.location?.file == two)
            #expect(error.message.contains("'client' of adapter 'vc' in instance 'one' at \(one):11:18"))
            #expect(error.message.contains(String(issued.fingerprint.prefix(16))))
        }
        let sameAdapter = try validate(
            yaml: document([YAMLText.certificate("first", pem: issued.pem), YAMLText.certificate("second", pem: issued.pem)])
        )
        #expect(sameAdapter.errors(.certificateReused).count == 1)
    }

    @Test("an expired certificate is a warning that shows the dates")
    func expired() throws {
        let notBefore = Date(timeIntervalSince1970: 1_600_000_000)
        let notAfter = Date(timeIntervalSince1970: 1_700_000_000)
        let issued = try TestCertificates.selfSigned(commonName: "old", notValidBefore: notBefore, notValidAfter: notAfter)
        let report = try validate(yaml: document([YAMLText.certificate("client", pem: issued.pem)]))
        #expect(report.isValid)
        let warning = try #require(report.warnings(.certificateExpired).first)
        #expect(warning.message.contains("expired on 2023-11-14T22:13:20Z"))
        #expect(warning.message.contains("valid from 2020-09-13T12:26:40Z to 2023-11-14T22:13:20Z"))
        #expect(warning.message.contains("CN=old"))
    }

    @Test("a not-yet-valid certificate is a warning that shows the dates")
    func notYetValid() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let issued = try TestCertificates.selfSigned(
            notValidBefore: Date(timeIntervalSince1970: 1_800_000_000),
            notValidAfter: Date(timeIntervalSince1970: 1_900_000_000)
        )
        let report = try validate(yaml: document([YAMLText.certificate("client", pem: issued.pem)]), now: now)
        #expect(report.isValid)
        let warning = try #require(report.warnings(.certificateNotYetValid).first)
        #expect(warning.message.contains("not valid before 2027-01-15T08:00:00Z"))
    }
}
