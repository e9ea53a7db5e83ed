import Foundation
import Testing
import TestSupport
@testable import Reconciler

@Suite("Loading files and directories")
struct LoaderTests {
    @Test("a minimal file is valid and yields its desired state")
    func minimalFile() throws {
        let report = try validate(yaml: YAMLText.minimal())
        #expect(report.errors.isEmpty, "\(report.transcript)")
        let state = try report.requireDesiredState()
        #expect(state.instances.map(\.name) == ["prod"])
        #expect(state.instances[0].adapters.map(\.name) == ["vcenter-01"])
    }

    @Test("a directory means every *.yaml and *.yml inside it, in name order, not recursive")
    func directoryExpansion() throws {
        try withTemporaryDirectory { directory in
            try directory.write("b.yml", try YAMLText.minimal(instance: "beta"))
            try directory.write("a.yaml", try YAMLText.minimal(instance: "alpha"))
            try directory.write("notes.txt", "not configuration")
            try directory.write("nested/c.yaml", "this: [is not read")
            let report = ConfigurationLoader().validate(paths: [directory.path])
            #expect(report.files == [directory.path + "/a.yaml", directory.path + "/b.yml"])
            #expect(report.isValid, "\(report.transcript)")
            #expect(report.desiredState?.instances.map(\.name) == ["alpha", "beta"])
        }
    }

    @Test("a missing path and an empty directory are errors")
    func missingAndEmpty() throws {
        try withTemporaryDirectory { directory in
            let empty = directory.path + "/empty"
            try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
            let report = ConfigurationLoader().validate(paths: [directory.path + "/nope.yaml", empty])
            #expect(report.errors(.unreadableFile).map(\.location?.file) == [directory.path + "/nope.yaml"])
            #expect(report.errors(.noConfigurationFiles).map(\.location?.file) == [empty])
            #expect(!report.isValid)
        }
    }

    @Test("no path at all is an error")
    func noPaths() {
        let report = ConfigurationLoader().validate(paths: [])
        #expect(report.errors(.noConfigurationFiles).count == 1)
    }

    @Test("the same file named twice is read once")
    func deduplicatesFiles() throws {
        try withTemporaryDirectory { directory in
            let file = try directory.write("a.yaml", try YAMLText.minimal())
            let report = ConfigurationLoader().validate(paths: [file, directory.path])
            #expect(report.files == [file])
            #expect(report.isValid, "\(report.transcript)")
        }
    }

    @Test("one instance spread over files is merged by name; root keys may live in another file")
    func mergesInstances() throws {
        try withTemporaryDirectory { directory in
            try directory.write("00-instance.yaml", YAMLText.document(adapters: []))
            let first = try TestCertificates.selfSigned(commonName: "a")
            let second = try TestCertificates.selfSigned(commonName: "b")
            try directory.write(
                "10-a.yaml",
                YAMLText.document(
                    rootKeys: [],
                    adapters: [YAMLText.adapter("vc-a", certificates: [YAMLText.certificate("client-a", pem: first.pem)])]
                )
            )
            try directory.write(
                "20-b.yaml",
                YAMLText.document(
                    rootKeys: [],
                    adapters: [YAMLText.adapter("vc-b", certificates: [YAMLText.certificate("client-b", pem: second.pem)])]
                )
            )
            let report = ConfigurationLoader().validate(paths: [directory.path])
            let state = try report.requireDesiredState()
            #expect(state.instances.count == 1)
            #expect(state.instances[0].rootKeys.map(\.name) == ["root"])
            #expect(state.instances[0].adapters.map(\.name) == ["vc-a", "vc-b"])
        }
    }

    @Test("the same adapter in two files is an error that names both places")
    func duplicateAcrossFiles() throws {
        try withTemporaryDirectory { directory in
            let a = try directory.write("a.yaml", try YAMLText.minimal())
            let b = try directory.write(
                "b.yaml",
                try YAMLText.minimal().replacingOccurrences(of: "    rootKeys:\n      - name: root\n", with: "")
            )
            let report = ConfigurationLoader().validate(paths: [directory.path])
            let duplicate = try #require(report.errors(.duplicateAdapter).first, "\(report.transcript)")
            #expect(duplicate.location == SourceLocation(file: b, line: 5, column: 15))
            #expect(duplicate.message.contains("\(a):7:15"))
            #expect(duplicate.fieldPath.description == "instances[0].adapters[0].name")
        }
    }

    @Test("the same root key in two files is an error that names both places")
    func duplicateRootKeyAcrossFiles() throws {
        try withTemporaryDirectory { directory in
            let a = try directory.write("a.yaml", YAMLText.document(adapters: []))
            let b = try directory.write("b.yaml", YAMLText.document(adapters: []))
            let report = ConfigurationLoader().validate(paths: [a, b])
            let duplicate = try #require(report.errors(.duplicateRootKey).first)
            #expect(duplicate.location == SourceLocation(file: b, line: 5, column: 15))
            #expect(duplicate.message.contains("\(a):5:15"))
        }
    }

    @Test("diagnostics come ordered by file as read, then line and column")
    func ordering() throws {
        try withTemporaryDirectory { directory in
            let a = try directory.write("a.yaml", "apiVersion: kmipgw/v1\ninstances:\n  - name: x\n    bogus: 1\n")
            let b = try directory.write("b.yaml", "apiVersion: kmipgw/v2\ninstances: []\n")
            let report = ConfigurationLoader().validate(paths: [b, a])
            #expect(report.diagnostics.compactMap(\.location?.file) == [b, a, a])
        }
    }
}
