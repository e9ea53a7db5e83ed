import Foundation

/// Turns the `-f` arguments into the list of files to read: a file as given, a directory as every
/// `*.yaml` / `*.yml` directly inside it in name order (like `kubectl apply -f DIR`, not recursive,
/// so a `certs/` folder beside the YAML is never mistaken for configuration).
struct PathExpander {
    func expand(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        guard !paths.isEmpty else {
            return ([], [.error(.noConfigurationFiles, "no configuration file given (use -f FILE|DIR)", at: nil)])
        }
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        func add(_ file: String) {
            // The same file named twice (`-f dir -f dir/a.yaml`) would otherwise clash with itself.
            let key = URL(fileURLWithPath: file).standardizedFileURL.path
            if seen.insert(key).inserted { files.append(file) }
        }
        let fileManager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(
                    .error(.unreadableFile, "no such file or directory", at: SourceLocation(file: path))
                )
                continue
            }
            guard isDirectory.boolValue else {
                add(path)
                continue
            }
            guard let names = try? fileManager.contentsOfDirectory(atPath: path) else {
                diagnostics.append(.error(.unreadableFile, "cannot list the directory", at: SourceLocation(file: path)))
                continue
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            let yamlFiles = names.filter { name in
                !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
            }.sorted().map { prefix + $0 }.filter { file in
                var nestedIsDirectory: ObjCBool = false
                return fileManager.fileExists(atPath: file, isDirectory: &nestedIsDirectory)
                    && !nestedIsDirectory.boolValue
            }
            if yamlFiles.isEmpty {
                diagnostics.append(
                    .error(
                        .noConfigurationFiles,
                        "the directory holds no *.yaml or *.yml file",
                        at: SourceLocation(file: path)
                    )
                )
            }
            yamlFiles.forEach(add)
        }
        return (files, diagnostics)
    }
}
