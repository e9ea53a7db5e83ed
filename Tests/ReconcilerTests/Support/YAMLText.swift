import TestSupport

/// Small builders for configuration YAML, so each test shows only the part its rule is about.
/// Layout: instances at 2 spaces, adapters at 6, certificates at 10, `pem:` at 12.
enum YAMLText {
    /// A PEM as a literal block scalar for a field at `indent` spaces.
    static func block(_ pem: String, indent: Int) -> String {
        let padding = String(repeating: " ", count: indent + 2)
        let lines = pem.split(separator: "\n", omittingEmptySubsequences: true).map { padding + $0 }
        return "|\n" + lines.joined(separator: "\n") + "\n"
    }

    /// One certificate entry under `certificates:`.
    static func certificate(_ name: String, pem: String) -> String {
        "          - name: \(name)\n" + "            pem: " + block(pem, indent: 12)
    }

    /// One certificate entry that points at a file.
    static func certificate(_ name: String, pemFile: String) -> String {
        "          - name: \(name)\n" + "            pemFile: \(pemFile)\n"
    }

    /// One adapter entry under `adapters:`.
    static func adapter(_ name: String, rootKey: String = "root", certificates: [String]) -> String {
        var text = "      - name: \(name)\n" + "        rootKey: \(rootKey)\n"
        text += certificates.isEmpty ? "        certificates: []\n" : "        certificates:\n"
        return text + certificates.joined()
    }

    /// A whole document with one instance.
    static func document(instance: String = "prod", rootKeys: [String] = ["root"], adapters: [String]) -> String {
        var text = "apiVersion: kmipgw/v1\n" + "instances:\n" + "  - name: \(instance)\n"
        if !rootKeys.isEmpty {
            text += "    rootKeys:\n" + rootKeys.map { "      - name: \($0)\n" }.joined()
        }
        if !adapters.isEmpty {
            text += "    adapters:\n" + adapters.joined()
        }
        return text
    }

    /// A valid one-adapter document with a fresh certificate.
    static func minimal(instance: String = "prod", adapter: String = "vcenter-01") throws -> String {
        let issued = try TestCertificates.selfSigned(commonName: adapter)
        return document(
            instance: instance,
            adapters: [self.adapter(adapter, certificates: [certificate("\(adapter)-client", pem: issued.pem)])]
        )
    }
}
