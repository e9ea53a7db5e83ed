/// What the YAML says the gateway should hold: the validated, merged, resolved configuration.
///
/// A pure value with no references to files or YAML nodes, so the planner can diff it against the
/// store by names (instances, root keys, adapters, certificates) and certificate fingerprints.
/// Only built when validation found no error.
public struct DesiredState: Hashable, Sendable {
    /// Instances sorted by name.
    public var instances: [DesiredInstance]

    /// Creates a desired state; instances are sorted by name so equal configurations compare equal.
    public init(instances: [DesiredInstance]) {
        self.instances = instances.sorted { $0.name < $1.name }
    }

    /// The instance with this name, if the configuration declares it.
    public func instance(named name: String) -> DesiredInstance? {
        instances.first { $0.name == name }
    }

    /// Every certificate of the gateway with its owner, keyed by SHA-256 fingerprint (lowercase hex).
    ///
    /// Validation guarantees each fingerprint occurs once, which is what lets the server map a TLS
    /// client certificate to exactly one adapter.
    public var certificatesByFingerprint: [String: (instance: String, adapter: String, certificate: DesiredCertificate)]
    {
        var result: [String: (instance: String, adapter: String, certificate: DesiredCertificate)] = [:]
        for instance in instances {
            for adapter in instance.adapters {
                for certificate in adapter.certificates {
                    result[certificate.fingerprint] = (instance.name, adapter.name, certificate)
                }
            }
        }
        return result
    }
}
