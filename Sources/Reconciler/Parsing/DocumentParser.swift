import Foundation
import KeyStore
import Yams

/// Turns the text of one configuration file into instance specs, with a diagnostic for every
/// syntax or shape problem. Rules that need more than one field (names, limits, references,
/// certificates) belong to ``ConfigurationValidator``.
struct DocumentParser {
    /// The only format this build understands.
    static let apiVersion = "kmipgw/v1"

    static let documentFields = ["apiVersion", "instances"]
    static let instanceFields = ["name", "rootKeys", "adapters"]
    static let rootKeyFields = ["name"]
    static let adapterFields = ["name", "description", "rootKey", "limits", "certificates"]
    static let limitFields = ["objects", "attributesPerObject", "attributeBytes"]
    static let certificateFields = ["name", "pem", "pemFile"]

    /// The file as it is shown in diagnostics.
    let file: String
    /// How many nodes one file may expand to (see ``NodeReader``).
    var nodeBudget = 2_000_000
    /// How many diagnostics the file may list (see ``NodeReader``).
    var diagnosticLimit = Int.max

    /// What parsing one file gave.
    struct Result {
        var instances: [InstanceSpec]
        var diagnostics: [Diagnostic]
        var syntaxFailed: Bool
        /// Diagnostics past the limit, counted and not kept.
        var omittedDiagnostics = 0
    }

    /// Parses every YAML document of the file. A syntax error ends the file (libyaml cannot go on),
    /// but what was reported before it stays.
    func parse(_ text: String) -> Result {
        var reader = NodeReader(file: file, nodeBudget: nodeBudget, diagnosticLimit: diagnosticLimit)
        var instances: [InstanceSpec] = []
        var documentCount = 0
        do {
            var documents = try Yams.compose_all(yaml: text, .basic)
            while let root = documents.next() {
                documentCount += 1
                if case .scalar = root, NodeReader.tagName(of: root) == .null { continue }
                instances += parseDocument(root, reader: &reader)
            }
            if let error = documents.error { throw error }
        } catch {
            reader.report(syntaxDiagnostic(for: error, text: text))
            return Result(instances: instances, diagnostics: reader.diagnostics, syntaxFailed: true,
                omittedDiagnostics: reader.omittedDiagnostics)
        }
        if documentCount == 0 {
            reader.report(.warning(.emptyFile, "the file holds no YAML document", at: SourceLocation(file: file)))
        }
        return Result(instances: instances, diagnostics: reader.diagnostics, syntaxFailed: false,
            omittedDiagnostics: reader.omittedDiagnostics)
    }

    private func parseDocument(_ root: Node, reader: inout NodeReader) -> [InstanceSpec] {
        guard let fields = reader.fields(of: root, path: .root, allowed: Self.documentFields) else { return [] }
        if let versionNode = fields["apiVersion"] {
            if let version = reader.string(versionNode, path: .root.appending("apiVersion")),
                version.value != Self.apiVersion
            {
                reader.report(
                    .error(
                        .unsupportedAPIVersion,
                        "must be '\(Self.apiVersion)' (got '\(version.value)')",
                        at: version.location,
                        path: version.path
                    )
                )
            }
        } else {
            reader.reportMissing("apiVersion", in: root, path: .root)
        }
        guard let instancesNode = fields["instances"] else {
            reader.reportMissing("instances", in: root, path: .root)
            return []
        }
        let instancesPath = FieldPath.root.appending("instances")
        guard let nodes = reader.elements(of: instancesNode, path: instancesPath) else { return [] }
        return nodes.enumerated().compactMap { index, node in
            parseInstance(node, path: instancesPath.appending(index: index), reader: &reader)
        }
    }

    private func parseInstance(_ node: Node, path: FieldPath, reader: inout NodeReader) -> InstanceSpec? {
        guard let fields = reader.fields(of: node, path: path, allowed: Self.instanceFields) else { return nil }
        var spec = InstanceSpec(
            name: requiredString("name", fields, in: node, path: path, reader: &reader),
            location: reader.location(of: node),
            path: path,
            rootKeys: [],
            adapters: []
        )
        if let rootKeysNode = fields["rootKeys"] {
            let listPath = path.appending("rootKeys")
            for (index, element) in (reader.elements(of: rootKeysNode, path: listPath) ?? []).enumerated() {
                let elementPath = listPath.appending(index: index)
                guard let keyFields = reader.fields(of: element, path: elementPath, allowed: Self.rootKeyFields)
                else { continue }
                spec.rootKeys.append(
                    RootKeySpec(
                        name: requiredString("name", keyFields, in: element, path: elementPath, reader: &reader),
                        location: reader.location(of: element),
                        path: elementPath
                    )
                )
            }
        }
        if let adaptersNode = fields["adapters"] {
            let listPath = path.appending("adapters")
            for (index, element) in (reader.elements(of: adaptersNode, path: listPath) ?? []).enumerated() {
                if let adapter = parseAdapter(element, path: listPath.appending(index: index), reader: &reader) {
                    spec.adapters.append(adapter)
                }
            }
        }
        return spec
    }

    private func parseAdapter(_ node: Node, path: FieldPath, reader: inout NodeReader) -> AdapterSpec? {
        guard let fields = reader.fields(of: node, path: path, allowed: Self.adapterFields) else { return nil }
        var spec = AdapterSpec(
            name: requiredString("name", fields, in: node, path: path, reader: &reader),
            description: fields["description"].flatMap { reader.string($0, path: path.appending("description")) },
            rootKey: requiredString("rootKey", fields, in: node, path: path, reader: &reader),
            limits: fields["limits"].map { parseLimits($0, path: path.appending("limits"), reader: &reader) } ?? .default,
            certificates: [],
            location: reader.location(of: node),
            path: path
        )
        if let certificatesNode = fields["certificates"] {
            let listPath = path.appending("certificates")
            for (index, element) in (reader.elements(of: certificatesNode, path: listPath) ?? []).enumerated() {
                if let certificate = parseCertificate(
                    element,
                    path: listPath.appending(index: index),
                    reader: &reader
                ) {
                    spec.certificates.append(certificate)
                }
            }
        }
        return spec
    }

    private func parseLimits(_ node: Node, path: FieldPath, reader: inout NodeReader) -> AdapterLimits {
        var limits = AdapterLimits.default
        guard let fields = reader.fields(of: node, path: path, allowed: Self.limitFields) else { return limits }
        if let value = fields["objects"].flatMap({
            reader.integer($0, path: path.appending("objects"), range: AdapterLimits.allowedObjects)
        }) {
            limits.maximumObjects = value.value
        }
        if let value = fields["attributesPerObject"].flatMap({
            reader.integer(
                $0, path: path.appending("attributesPerObject"), range: AdapterLimits.allowedAttributesPerObject)
        }) {
            limits.maximumAttributesPerObject = value.value
        }
        if let value = fields["attributeBytes"].flatMap({
            reader.integer($0, path: path.appending("attributeBytes"), range: AdapterLimits.allowedAttributeBytes)
        }) {
            limits.maximumAttributeBytes = value.value
        }
        return limits
    }

    private func parseCertificate(_ node: Node, path: FieldPath, reader: inout NodeReader) -> CertificateSpec? {
        guard let fields = reader.fields(of: node, path: path, allowed: Self.certificateFields) else { return nil }
        let name = requiredString("name", fields, in: node, path: path, reader: &reader)
        let pem = fields["pem"].flatMap { reader.string($0, path: path.appending("pem")) }
        let pemFile = fields["pemFile"].flatMap { reader.string($0, path: path.appending("pemFile")) }
        var source: CertificateSpec.Source?
        switch (fields["pem"], fields["pemFile"]) {
        case (nil, nil):
            reader.report(
                .error(
                    .pemSourceMissing,
                    "give exactly one of 'pem' (the PEM text) or 'pemFile' (a path relative to this file)",
                    at: reader.location(of: node),
                    path: path
                )
            )
        case (.some, .some(let pemFileNode)):
            reader.report(
                .error(
                    .pemSourceConflict,
                    "give exactly one of 'pem' or 'pemFile', not both",
                    at: reader.location(of: pemFileNode),
                    path: path.appending("pemFile")
                )
            )
        default:
            if let pem {
                source = .inline(pem)
            } else if let pemFile {
                source = .file(pemFile, resolvedPath: resolve(pemFile.value))
            }
        }
        return CertificateSpec(name: name, source: source, content: nil, location: reader.location(of: node), path: path)
    }

    private func requiredString(
        _ field: String,
        _ fields: [String: Node],
        in node: Node,
        path: FieldPath,
        reader: inout NodeReader
    ) -> Located<String>? {
        guard let value = fields[field] else {
            reader.reportMissing(field, in: node, path: path)
            return nil
        }
        return reader.string(value, path: path.appending(field))
    }

    /// A `pemFile` is relative to the YAML file that names it, so a directory of configuration can
    /// be moved or checked out anywhere; the result stays relative when the YAML path was.
    private func resolve(_ pemFile: String) -> String {
        if pemFile.hasPrefix("/") { return pemFile }
        guard let slash = file.lastIndex(of: "/") else { return pemFile }
        return String(file[...slash]) + pemFile
    }

    private func syntaxDiagnostic(for error: any Error, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        guard let yamlError = error as? YamlError else {
            return .error(.yamlSyntax, "\(error)", at: SourceLocation(file: file))
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = problem
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return .error(.yamlSyntax, message, at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // Yams puts the whole file in context.text; only the mark is worth showing.
            return .error(.duplicateKey, "the same mapping holds the key \(keys) twice", at: at(context.mark))
        case .reader(let problem, let offset, _, _):
            var location = SourceLocation(file: file)
            if let offset {
                let prefix = text.prefix(offset)
                let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column = prefix.reversed().prefix { $0 != "\n" }.count + 1
                location = SourceLocation(file: file, line: line, column: column)
            }
            return .error(.yamlSyntax, problem, at: location)
        default:
            return .error(.yamlSyntax, "\(yamlError)", at: SourceLocation(file: file))
        }
    }
}
