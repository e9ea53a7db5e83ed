/// One change of an ``StateStore/apply(_:)`` transaction, named as the configuration names
/// things. Applied in order; deletions cascade to what the deleted row owns.
public enum ConfigurationChange: Hashable, Sendable {
    case createInstance(name: String, description: String?)
    case updateInstance(name: String, description: String?)
    /// Deletes the instance with its root keys, adapters, certificates and KMIP objects.
    case deleteInstance(name: String)
    /// Generates a new 256-bit root key, sealed by the master key.
    case createRootKey(instance: String, name: String)
    /// Crypto-shredding: deletes the root key and every KMIP object sealed under it; adapters
    /// that used it remain, without a root key, until they are updated or deleted.
    case deleteRootKey(instance: String, name: String)
    case createAdapter(
        instance: String, name: String, description: String?, rootKey: String, limits: AdapterLimits = .default)
    /// Changes the description, the quotas, or the root key new objects are sealed under
    /// (existing objects stay sealed under the root key they were created with).
    case updateAdapter(
        instance: String, name: String, description: String?, rootKey: String, limits: AdapterLimits = .default)
    /// Deletes the adapter with its certificates and KMIP objects.
    case deleteAdapter(instance: String, name: String)
    /// Registers a certificate to an adapter, with the fingerprint, subject and validity its
    /// parse found (the store does not parse it again).
    case addCertificate(instance: String, adapter: String, name: String, certificate: ParsedCertificate)
    case removeCertificate(instance: String, adapter: String, name: String)
}

extension ConfigurationChange {
    /// What the change is about, as plans and errors name it: `adapter prod/vc`.
    public var subject: String {
        switch self {
        case .createInstance(let name, _), .updateInstance(let name, _), .deleteInstance(let name):
            "instance \(name)"
        case .createRootKey(let instance, let name), .deleteRootKey(let instance, let name):
            "root key \(instance)/\(name)"
        case .createAdapter(let instance, let name, _, _, _), .updateAdapter(let instance, let name, _, _, _),
            .deleteAdapter(let instance, let name):
            "adapter \(instance)/\(name)"
        case .addCertificate(let instance, let adapter, let name, _),
            .removeCertificate(let instance, let adapter, let name):
            "certificate \(instance)/\(adapter)/\(name)"
        }
    }
}
