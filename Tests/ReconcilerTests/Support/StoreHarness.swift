import Foundation
import KMIP
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

/// An initialised state directory in a temporary directory, an open store, and a place for
/// configuration files: what the plan and apply tests run against.
final class StoreHarness: @unchecked Sendable {
    let directory: TemporaryDirectory
    let location: StoreLocation
    let store: SQLiteStore

    init() throws {
        directory = try TemporaryDirectory(prefix: "kmipgw-reconcile")
        location = StoreLocation(directory: directory.file("state"))
        _ = try StateInitializer(location: location).run(hostName: "test-host")
        store = try SQLiteStore.open(location)
    }

    /// Writes `yaml` to `name` in the configuration folder and returns its path.
    @discardableResult
    func write(_ name: String, _ yaml: String) throws -> String {
        let folder = directory.file("config")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = (folder as NSString).appendingPathComponent(name)
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The configuration folder (after at least one ``write(_:_:)``).
    var configFolder: String { directory.file("config") }

    /// The YAML most recently given to ``desired(_:)``.
    private(set) var lastYAML = ""

    /// Validates `yaml` (written as `config.yaml`, replacing the previous one) into a desired state.
    func desired(_ yaml: String) throws -> DesiredState {
        lastYAML = yaml
        let file = try write("config.yaml", yaml)
        let report = ConfigurationLoader().validate(paths: [file])
        return try #require(report.desiredState, "invalid test configuration:\n\(report.transcript)")
    }

    /// Plans `yaml` against the store.
    func plan(_ yaml: String, prune: Bool = false, allowDestroy: Bool = false) throws -> Plan {
        try Planner(options: PlanOptions(prune: prune, allowDestroy: allowDestroy)).plan(desired(yaml), against: store)
    }

    /// Plans and applies `yaml`.
    @discardableResult
    func apply(_ yaml: String, prune: Bool = false, allowDestroy: Bool = false) async throws -> ApplyOutcome {
        try await Applier(store: store).apply(plan(yaml, prune: prune, allowDestroy: allowDestroy))
    }

    /// The id of adapter `name` in instance `prod`.
    func adapterID(_ name: String, instance: String = "prod") throws -> Int64 {
        try #require(try store.configuration().adapters.first { $0.instance == instance && $0.name == name }).id
    }

    /// Creates an AES-256 key in an adapter with the given (or random) material and returns it.
    @discardableResult
    func createKey(adapter: String, name: String? = nil, material: [UInt8]? = nil) async throws -> StoredObject {
        var attributes: [Attribute] = [
            Attribute(.cryptographicAlgorithm, CryptographicAlgorithm.aes),
            Attribute(.cryptographicLength, 256 as Int32),
            Attribute(.cryptographicUsageMask, CryptographicUsageMask([.encrypt, .decrypt]).rawValue),
        ]
        if let name { attributes.append(Attribute(.name, Name(name))) }
        let bytes = material ?? (0..<32).map { _ in UInt8.random(in: 0...255) }
        return try await store.create(
            NewObject(objectType: .symmetricKey, material: bytes, attributes: attributes), adapterID: adapterID(adapter))
    }
}

/// A self-signed client certificate for a test, with its PEM and fingerprint.
func clientCertificate(_ commonName: String) throws -> TestCertificates.Issued {
    try TestCertificates.selfSigned(commonName: commonName)
}

extension Plan {
    /// `"+ adapter prod/vc"` for each change, for compact expectations.
    var lines: [String] {
        changes.map { "\($0.action.symbol) \($0.kind.label) \($0.address)" }
    }

    /// The text rendering.
    var text: String { PlanTextRenderer().render(self) }
}
