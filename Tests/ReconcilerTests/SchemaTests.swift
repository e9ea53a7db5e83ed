import Foundation
import Testing

@Suite("The JSON Schema agrees with the examples")
struct SchemaTests {
    /// Runs scripts/check-schema.py (jsonschema, Draft 2020-12) with the package's virtual
    /// environment. A missing `.venv` is a failure, never a skip: the test command installs
    /// `jsonschema` and `PyYAML` there.
    @Test("a real JSON Schema validator accepts every good example and judges every bad one as its header says")
    func schemaCheck() throws {
        let python = PackageRoot.appending(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("\(python) is missing: create .venv and pip install jsonschema pyyaml")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.currentDirectoryURL = URL(fileURLWithPath: PackageRoot.path)
        process.arguments = [
            "scripts/check-schema.py",
            "--expect-valid", "examples/quickstart", "examples/multi-cluster",
            "--bad-examples", "examples/bad",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains(" passed, 0 failed"), "\(text)")
    }
}
