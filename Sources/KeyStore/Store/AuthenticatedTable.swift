/// A table whose rows carry a `mac` column (``RowAuthenticator``), and the columns the tag
/// covers, in order. One list per table: every write re-tags with it and every read checks it.
enum AuthenticatedTable: String, CaseIterable, Sendable {
    case instances
    case rootKeys = "root_keys"
    case adapters
    case certificates
    case objects

    /// The configuration tables, whose rows and tags the generation's tag covers as a whole.
    static let configuration: [AuthenticatedTable] = [.instances, .rootKeys, .adapters, .certificates]

    /// Every column but `mac`: a column added to the table must be added here.
    var columns: String {
        switch self {
        case .instances: "id, name, description, created_at, updated_at"
        case .rootKeys: "id, instance_id, name, sealed_key, created_at"
        case .adapters:
            "id, instance_id, name, description, root_key_id, created_at, updated_at, max_objects, max_attributes, "
                + "max_attribute_bytes"
        case .certificates: "id, adapter_id, name, fingerprint, subject, not_before, not_after, der, created_at"
        case .objects: ObjectRow.columns
        }
    }

    /// How the row is named in a tamper report.
    var noun: String {
        switch self {
        case .instances: "instance"
        case .rootKeys: "root key"
        case .adapters: "adapter"
        case .certificates: "certificate"
        case .objects: "object"
        }
    }
}
