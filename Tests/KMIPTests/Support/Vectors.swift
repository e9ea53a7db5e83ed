import Foundation
import TestSupport

/// Locates the test vectors bundled with the KMIPTests target.
enum Vectors {
    static func directory(_ name: String) throws -> URL {
        guard let base = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
            throw KMIPXMLReader.Failure(description: "the Vectors resource is missing from the test bundle")
        }
        return base.appendingPathComponent(name)
    }

    static func files(_ name: String, withExtension ext: String) throws -> [URL] {
        let directory = try directory(name)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == ext }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
