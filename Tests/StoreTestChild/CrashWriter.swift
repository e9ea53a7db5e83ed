import ArgumentParser
import KMIP
import KeyStore
import TTLV

/// The crash test's child: creates AES-256 keys from several tasks until killed, printing
/// `identifier material-hex` for each acknowledged create.
struct CrashWriter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "crash-writer")

    @Option var state: String
    @Option var instance: String
    @Option var adapter: String
    @Option var writers: Int = 4
    @Option var limit: Int = Int.max

    func run() async throws {
        let store = try SQLiteStore.open(StoreLocation(directory: state))
        guard let adapterID = try store.configuration().adapters.first(where: {
            $0.instance == instance && $0.name == adapter
        })?.id else { throw ValidationError("no adapter \(instance)/\(adapter)") }
        let perWriter = max(1, limit / writers)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter {
                        let material = (0..<32).map { _ in UInt8.random(in: 0...255) }
                        let created = try await store.create(Self.key(material, name: "crash-\(writer)-\(index)"), adapterID: adapterID)
                        StoreTestChild.emit("\(created.uniqueIdentifier) \(TTLVText.hex(material))")
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func key(_ material: [UInt8], name: String) -> NewObject {
        NewObject(
            objectType: .symmetricKey, material: material,
            attributes: [
                Attribute(name: .cryptographicAlgorithm, value: .enumeration(CryptographicAlgorithm.aes.rawValue)),
                Attribute(.cryptographicLength, 256 as Int32),
                Attribute(.name, Name(name)),
            ])
    }
}
