import Foundation
import KeyStore

/// One `certificates[]` entry as written.
struct CertificateSpec: Sendable {
    /// Where the PEM text comes from.
    enum Source: Sendable {
        /// `pem:` — the PEM text itself.
        case inline(Located<String>)
        /// `pemFile:` — a path as written plus the path resolved against the YAML file's directory.
        case file(Located<String>, resolvedPath: String)
    }

    /// What reading and inspecting the PEM found.
    enum Content: Sendable {
        case inspected(ParsedCertificate)
        case failed(CertificateInspector.Failure)
        case unreadable
    }

    var name: Located<String>?
    /// `nil` when neither or both of `pem` / `pemFile` were given (already reported).
    var source: Source?
    /// Filled by ``resolvingContent()`` while files are still parsed in parallel, since parsing
    /// 40,000 certificates is most of a maximal configuration's validation time.
    var content: Content?
    var location: SourceLocation
    var path: FieldPath
}

extension CertificateSpec {
    /// This spec with its PEM read (from `pemFile` if need be) and inspected.
    func resolvingContent(with inspector: CertificateInspector) -> CertificateSpec {
        var resolved = self
        switch source {
        case nil:
            return self
        case .inline(let pem):
            resolved.content = Self.content(of: pem.value, inspector: inspector)
        case .file(_, let resolvedPath):
            guard
                let data = FileManager.default.contents(atPath: resolvedPath),
                let text = String(data: data, encoding: .utf8)
            else {
                resolved.content = .unreadable
                return resolved
            }
            resolved.content = Self.content(of: text, inspector: inspector)
        }
        return resolved
    }

    private static func content(of text: String, inspector: CertificateInspector) -> Content {
        switch inspector.inspect(text) {
        case .success(let inspected): return .inspected(inspected)
        case .failure(let failure): return .failed(failure)
        }
    }
}
