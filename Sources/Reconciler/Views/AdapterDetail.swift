import KMIP

/// `kmipgw describe adapter`: the adapter, its certificates and its KMIP keys' metadata.
public struct AdapterDetail: Encodable, Sendable, Hashable {
    /// The adapter.
    public var adapter: AdapterView
    /// Its client certificates.
    public var certificates: [CertificateView]
    /// Its KMIP objects, oldest first (metadata only).
    public var objects: [ObjectView]

    /// kubectl-describe-like text, newline-terminated.
    public func text() -> String {
        var lines = [
            "Name:          \(adapter.name)",
            "Instance:      \(adapter.instance)",
            "Description:   \(adapter.description ?? "-")",
            "Root key:      \(adapter.rootKey ?? "- (destroyed; requests fail until the configuration names one)")",
            "Created:       \(adapter.createdAt)",
            "Updated:       \(adapter.updatedAt)",
            "",
            "Certificates (\(certificates.count)):",
        ]
        if certificates.isEmpty {
            lines.append("  (none: no client can connect)")
        } else {
            let rows = certificates.map { [$0.name, $0.fingerprint, $0.subject, $0.notValidBefore, $0.notValidAfter] }
            lines += ViewRenderer.table(
                columns: ["NAME", "FINGERPRINT (SHA-256)", "SUBJECT", "VALID FROM", "EXPIRES"], rows: rows,
                indent: "  ")
        }
        lines.append("")
        lines.append("KMIP keys (\(objects.count)):")
        if objects.isEmpty {
            lines.append("  (none)")
        } else {
            let rows = objects.map {
                [$0.identifier, $0.names.isEmpty ? "-" : $0.names.joined(separator: ","), $0.type,
                 [$0.algorithm, $0.length.map(String.init)].compactMap { $0 }.joined(separator: "-"), $0.state,
                 $0.created, $0.activated ?? "-", $0.deactivated ?? "-", $0.destroyed ?? "-"]
            }
            lines += ViewRenderer.table(
                columns: ["IDENTIFIER", "NAME", "TYPE", "ALGORITHM", "STATE", "CREATED", "ACTIVATED", "DEACTIVATED",
                          "DESTROYED"],
                rows: rows, indent: "  ")
        }
        return lines.map(PrintableText.escaped).joined(separator: "\n") + "\n"
    }
}
