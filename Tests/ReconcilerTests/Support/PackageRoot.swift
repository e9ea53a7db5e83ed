import Foundation

/// The package root, found from this file's path, so tests can read `examples/`, `schemas/` and
/// `scripts/` wherever the checkout is.
enum PackageRoot {
    static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support/, ReconcilerTests/, Tests/, file
        return url.path
    }()

    /// A path under the package root.
    static func appending(_ relative: String) -> String {
        path + "/" + relative
    }

    /// The `*.yaml` files directly in a folder of the package, sorted.
    static func yamlFiles(in relative: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: appending(relative))
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
            .map { appending(relative + "/" + $0) }
    }
}
