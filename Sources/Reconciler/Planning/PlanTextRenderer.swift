import Foundation
import KMIP

/// Renders a ``Plan`` as terraform-like text without colour, ending with the summary line
/// `Plan: 3 to add, 1 to change, 0 to delete.` Never renders PEM bodies or key material:
/// certificates appear by fingerprint, subject and expiry.
public struct PlanTextRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The whole plan, newline-terminated.
    public func render(_ plan: Plan) -> String {
        var lines: [String] = []
        if plan.isEmpty {
            lines.append("No changes: the store (generation \(plan.generation)) matches the configuration.")
        } else {
            lines.append("kmipgw will make these changes to the store (generation \(plan.generation)):")
            lines.append("")
            for change in plan.changes {
                lines += render(change, allowDestroy: plan.options.allowDestroy)
            }
        }
        if !plan.kept.isEmpty {
            lines.append("")
            lines.append("Not in the files (kept; --prune would delete):")
            for resource in plan.kept {
                var line = "    \(resource.kind.label) \(resource.address)"
                if resource.objects > 0 {
                    line += " (\(GroupedNumber.count(resource.objects, "KMIP key")))"
                }
                lines.append(line)
            }
        }
        lines.append("")
        lines.append(plan.summary)
        let refusals = plan.refusals
        if !refusals.isEmpty {
            lines.append("")
            lines.append(
                "Apply would refuse: \(GroupedNumber.count(refusals.count, "change")) destroy root keys or KMIP keys; "
                    + "re-run with --allow-destroy to allow \(refusals.count == 1 ? "it" : "them").")
        }
        return lines.map(PrintableText.escaped).joined(separator: "\n") + "\n"
    }

    /// The lines of one change: the marker line, its fields, reason and consequence.
    public func render(_ change: PlanChange, allowDestroy: Bool) -> [String] {
        var lines = ["  \(change.action.symbol) \(change.kind.label) \(change.address)"]
        let indent = "      "
        var rows: [(String, String)] = []
        for field in change.fields {
            switch change.action {
            case .create: rows.append((field.field, Self.quoted(field.new)))
            case .update, .delete: rows.append((field.field, "\(Self.quoted(field.old)) -> \(Self.quoted(field.new))"))
            }
        }
        if let certificate = change.certificate {
            rows.append(("fingerprint", "sha256:\(certificate.fingerprint)"))
            rows.append(("subject", certificate.subject))
            rows.append(("expires", Self.timestamp(certificate.notValidAfter)))
        }
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            lines.append(indent + label + ":" + String(repeating: " ", count: width - label.count + 1) + value)
        }
        switch change.reason {
        case .moved: lines.append(indent + "(moved to adapter \(change.movedTo ?? "?"))")
        case .replaced: lines.append(indent + "(replaced: the files give this name another certificate)")
        case .notInFiles: lines.append(indent + "(not in the files; --prune)")
        case nil: break
        }
        if let consequence = change.consequence {
            lines.append(indent + "! " + consequence)
        }
        if change.needsAllowDestroy && !allowDestroy {
            lines.append(indent + "! needs --allow-destroy")
        }
        // Subjects and names come from certificates and files: no raw control character may reach a CI log.
        return lines.map(PrintableText.escaped)
    }

    static func quoted(_ value: String?) -> String {
        value.map(TTLVText.jsonStringLiteral) ?? "(none)"
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
