import Foundation
import KeyStore

/// Applies the rules that span fields, files and instances to parsed specs, merges instances by
/// name, resolves PEMs, and builds the ``DesiredState`` when nothing is wrong.
struct ConfigurationValidator {
    /// At most this many adapters per instance.
    static let maximumAdapters = 200
    /// At most this many certificates per adapter.
    static let maximumCertificates = 200
    /// Description length when one is given.
    static let descriptionLengths = 2...240

    /// The time certificate validity is judged against (injected so tests do not depend on the clock).
    let now: Date
    /// Off when a file failed to parse: its root keys are unknown, so "unknown root key" would be noise.
    let checksReferences: Bool

    private struct CertificateOwner {
        var instance: String
        var adapter: String
        var certificate: String
        var location: SourceLocation
    }

    private struct Run {
        var diagnostics: [Diagnostic] = []
        var owners: [String: CertificateOwner] = [:]
    }

    func validate(_ specs: [InstanceSpec]) -> (state: DesiredState?, diagnostics: [Diagnostic]) {
        var run = Run()
        var order: [String] = []
        var groups: [String: [InstanceSpec]] = [:]
        var unnamed: [InstanceSpec] = []
        for spec in specs {
            guard let name = spec.name else {
                unnamed.append(spec)
                continue
            }
            run.diagnostics += NameRule.instance.check(name)
            if groups[name.value] == nil { order.append(name.value) }
            groups[name.value, default: []].append(spec)
        }
        var instances: [DesiredInstance] = []
        for name in order {
            if let instance = validateInstance(named: name, groups[name] ?? [], run: &run) {
                instances.append(instance)
            }
        }
        for spec in unnamed {
            _ = validateInstance(named: nil, [spec], run: &run)
        }
        let failed = run.diagnostics.contains { $0.severity == .error }
        return (failed ? nil : DesiredState(instances: instances), run.diagnostics)
    }

    private func validateInstance(named name: String?, _ specs: [InstanceSpec], run: inout Run) -> DesiredInstance? {
        let label = name.map { "'\($0)'" } ?? "(unnamed)"

        var rootKeys: [DesiredRootKey] = []
        var rootKeyPlaces: [String: SourceLocation] = [:]
        for key in specs.flatMap(\.rootKeys) {
            guard let keyName = key.name else { continue }
            run.diagnostics += NameRule.rootKey.check(keyName)
            if let first = rootKeyPlaces[keyName.value] {
                run.diagnostics.append(
                    .error(
                        .duplicateRootKey,
                        "root key '\(keyName.value)' of instance \(label) is already defined at \(first)",
                        at: keyName.location,
                        path: keyName.path
                    )
                )
                continue
            }
            rootKeyPlaces[keyName.value] = keyName.location
            rootKeys.append(DesiredRootKey(name: keyName.value, source: keyName.location))
        }

        let adapterSpecs = specs.flatMap(\.adapters)
        if adapterSpecs.count > Self.maximumAdapters {
            let extra = adapterSpecs[Self.maximumAdapters]
            run.diagnostics.append(
                .error(
                    .tooManyAdapters,
                    "instance \(label) has \(adapterSpecs.count) adapters; at most \(Self.maximumAdapters) are allowed",
                    at: extra.location,
                    path: extra.path
                )
            )
        }
        var adapters: [DesiredAdapter] = []
        var adapterPlaces: [String: SourceLocation] = [:]
        for spec in adapterSpecs {
            var isDuplicate = false
            if let adapterName = spec.name {
                run.diagnostics += NameRule.adapter.check(adapterName)
                if let first = adapterPlaces[adapterName.value] {
                    isDuplicate = true
                    run.diagnostics.append(
                        .error(
                            .duplicateAdapter,
                            "adapter '\(adapterName.value)' of instance \(label) is already defined at \(first)",
                            at: adapterName.location,
                            path: adapterName.path
                        )
                    )
                } else {
                    adapterPlaces[adapterName.value] = adapterName.location
                }
            }
            let adapter = validateAdapter(
                spec,
                instance: name,
                rootKeys: rootKeyPlaces,
                checksRootKey: checksReferences,
                run: &run
            )
            if let adapter, !isDuplicate { adapters.append(adapter) }
        }

        guard let name, let source = specs.first?.location else { return nil }
        return DesiredInstance(name: name, rootKeys: rootKeys, adapters: adapters, source: source)
    }

    private func validateAdapter(
        _ spec: AdapterSpec,
        instance: String?,
        rootKeys: [String: SourceLocation],
        checksRootKey: Bool,
        run: inout Run
    ) -> DesiredAdapter? {
        let instanceLabel = instance.map { "'\($0)'" } ?? "(unnamed)"
        if let description = spec.description, !Self.descriptionLengths.contains(description.value.count) {
            run.diagnostics.append(
                .error(
                    .descriptionLength,
                    "must be \(Self.descriptionLengths.lowerBound)–\(Self.descriptionLengths.upperBound) "
                        + "characters when given (got \(description.value.count))",
                    at: description.location,
                    path: description.path
                )
            )
        }
        if let description = spec.description,
            let failure = CertificateInspector.privateKeyFailure(
                in: description.value, belongsHere: "a description is shown in plans and listings")
        {
            run.diagnostics.append(
                .error(failure.code, failure.message, at: description.location, path: description.path)
            )
        }
        if checksRootKey, let rootKey = spec.rootKey, rootKeys[rootKey.value] == nil {
            let known = rootKeys.keys.sorted()
            let defined =
                known.isEmpty
                ? "the instance defines no root key"
                : "defined: " + known.joined(separator: ", ")
            run.diagnostics.append(
                .error(
                    .unknownRootKey,
                    "names no root key of instance \(instanceLabel) (\(defined))",
                    at: rootKey.location,
                    path: rootKey.path
                )
            )
        }
        if spec.certificates.count > Self.maximumCertificates {
            let extra = spec.certificates[Self.maximumCertificates]
            run.diagnostics.append(
                .error(
                    .tooManyCertificates,
                    "adapter '\(spec.name?.value ?? "")' has \(spec.certificates.count) certificates; "
                        + "at most \(Self.maximumCertificates) are allowed",
                    at: extra.location,
                    path: extra.path
                )
            )
        }
        if spec.certificates.isEmpty, let adapterName = spec.name {
            run.diagnostics.append(
                .warning(
                    .adapterWithoutCertificates,
                    "adapter '\(adapterName.value)' lists no certificate, so no client can connect to it",
                    at: spec.location,
                    path: spec.path
                )
            )
        }

        var certificates: [DesiredCertificate] = []
        var certificatePlaces: [String: SourceLocation] = [:]
        for certificateSpec in spec.certificates {
            if let certificateName = certificateSpec.name {
                run.diagnostics += NameRule.certificate.check(certificateName)
                if let first = certificatePlaces[certificateName.value] {
                    run.diagnostics.append(
                        .error(
                            .duplicateCertificate,
                            "certificate '\(certificateName.value)' of adapter '\(spec.name?.value ?? "")' "
                                + "is already defined at \(first)",
                            at: certificateName.location,
                            path: certificateName.path
                        )
                    )
                    continue
                }
                certificatePlaces[certificateName.value] = certificateName.location
            }
            if let certificate = validateCertificate(
                certificateSpec,
                instance: instance,
                adapter: spec.name?.value,
                run: &run
            ) {
                certificates.append(certificate)
            }
        }

        guard let name = spec.name, let rootKey = spec.rootKey else { return nil }
        return DesiredAdapter(
            name: name.value,
            description: spec.description?.value,
            rootKey: rootKey.value,
            limits: spec.limits,
            certificates: certificates,
            source: spec.location
        )
    }

    private func validateCertificate(
        _ spec: CertificateSpec,
        instance: String?,
        adapter: String?,
        run: inout Run
    ) -> DesiredCertificate? {
        guard let source = spec.source, let content = spec.content else { return nil }
        let field: Located<String>
        let subjectPrefix: String
        switch source {
        case .inline(let pem):
            field = pem
            subjectPrefix = ""
        case .file(let pemFile, let resolvedPath):
            field = pemFile
            subjectPrefix = "'\(resolvedPath)': "
        }

        let inspected: ParsedCertificate
        switch content {
        case .unreadable:
            run.diagnostics.append(
                .error(
                    .pemFileUnreadable,
                    "cannot read \(subjectPrefix.dropLast(2)) (missing, unreadable or not UTF-8 text); "
                        + "pemFile is relative to the YAML file",
                    at: field.location,
                    path: field.path
                )
            )
            return nil
        case .failed(let failure):
            run.diagnostics.append(
                .error(failure.code, subjectPrefix + failure.message, at: field.location, path: field.path)
            )
            return nil
        case .inspected(let value):
            inspected = value
        }

        if let owner = run.owners[inspected.fingerprint] {
            run.diagnostics.append(
                .error(
                    .certificateReused,
                    "this certificate (SHA-256 \(inspected.fingerprint.prefix(16))…) is already listed as "
                        + "'\(owner.certificate)' of adapter '\(owner.adapter)' in instance '\(owner.instance)' "
                        + "at \(owner.location); a certificate identifies exactly one adapter",
                    at: field.location,
                    path: field.path
                )
            )
        } else {
            run.owners[inspected.fingerprint] = CertificateOwner(
                instance: instance ?? "(unnamed)",
                adapter: adapter ?? "(unnamed)",
                certificate: spec.name?.value ?? "(unnamed)",
                location: field.location
            )
        }

        let validity =
            "valid from \(Self.format(inspected.notValidBefore)) to \(Self.format(inspected.notValidAfter))"
        if inspected.notValidAfter < now {
            run.diagnostics.append(
                .warning(
                    .certificateExpired,
                    "\(subjectPrefix)certificate '\(inspected.subject)' expired on "
                        + "\(Self.format(inspected.notValidAfter)) (\(validity)); its client cannot connect",
                    at: field.location,
                    path: field.path
                )
            )
        } else if inspected.notValidBefore > now {
            run.diagnostics.append(
                .warning(
                    .certificateNotYetValid,
                    "\(subjectPrefix)certificate '\(inspected.subject)' is not valid before "
                        + "\(Self.format(inspected.notValidBefore)) (\(validity))",
                    at: field.location,
                    path: field.path
                )
            )
        }

        guard let name = spec.name else { return nil }
        return DesiredCertificate(name: name.value, certificate: inspected, source: field.location)
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
