import KMIP
import KeyStore
import TTLV

/// What a client may do with each attribute: whatever ``AttributeRule`` (the specification's
/// table, custom `x-`/`y-` attributes included) allows, and nothing else.
enum AttributePolicy {
    static func check(_ name: String, may action: AttributeRule.Action) throws(OperationError) {
        guard let rule = AttributeRule.governing(name) else {
            throw OperationError.invalidField("\(name) is not a KMIP attribute; custom attributes start with x-")
        }
        guard rule.allows(action) else {
            if rule == .serverDefined {
                throw OperationError(.permissionDenied, "\(name) is a server-defined (y-) attribute; clients cannot \(action.rawValue) it")
            }
            throw OperationError(.permissionDenied, "\(name) cannot be \(action == .set ? "set" : action.rawValue + "d") by a client")
        }
    }

    /// ``check(_:may:)`` for the name, then the value. kmipgw keeps no export policy per key
    /// (``StoredObject/exportPolicy``): a Get without a Key Wrapping Specification hands any key out
    /// in the clear. So a key that may not leave the server in the clear (Sensitive true) or at all
    /// (Extractable false) is refused rather than accepted and then handed out against the
    /// client's wish.
    static func check(_ attribute: Attribute, may action: AttributeRule.Action) throws(OperationError) {
        try check(attribute.name, may: action)
        guard let policy = StoredObject.exportPolicy.first(where: { $0.name.rawValue == attribute.name }),
            attribute.value != .boolean(policy.value)
        else { return }
        throw OperationError(
            .featureNotSupported, "every kmipgw key has \(attribute.name) \(policy.value): a Get may hand any key out in the clear")
    }

    /// The store's rule for the lifecycle dates a client may change only in some states (KMIP
    /// 1.4 §3.24, §3.27), applied before the change: the store sees no change when the new value
    /// equals the old one, but the attempt is what the state forbids (SKLC-M-3).
    static func checkState(toModify name: String, of attributes: [Attribute]) throws(KeyStoreError) {
        guard let field = LifecycleDateField(attributeName: name),
            let attribute = attributes.first(where: { $0.name == AttributeName.state.rawValue }),
            case .enumeration(let raw) = attribute.value
        else { return }
        try field.checkClientMayChange(in: State(rawValue: raw))
    }

    /// The adapter's limit on one attribute's size: its TTLV encoding, name and value together,
    /// so that custom attributes and Names count like every other.
    static func checkSize(_ attribute: Attribute, limits: AdapterLimits) throws(OperationError) {
        let bytes = attribute.ttlv(version: .v1_4).encodedLength
        guard bytes <= limits.maximumAttributeBytes else {
            throw OperationError(
                .permissionDenied,
                "\(attribute.name) takes \(bytes) bytes; this adapter allows at most \(limits.maximumAttributeBytes) bytes per attribute")
        }
    }

    /// The adapter's limit on the attributes of one object, the server's own included.
    static func checkCount(_ attributes: [Attribute], limits: AdapterLimits) throws(OperationError) {
        guard attributes.count <= limits.maximumAttributesPerObject else {
            throw OperationError(
                .permissionDenied,
                "the object would have \(attributes.count) attributes; this adapter allows at most \(limits.maximumAttributesPerObject) per object")
        }
    }

    /// Whether several instances of `name` may exist.
    static func isMultiInstance(_ name: String) -> Bool {
        AttributeRule.governing(name)?.isMultiInstance ?? false
    }

    /// Client attributes for a new object: every one allowed and within the adapter's size limit,
    /// single-instance ones once, and indices assigned in order of appearance. The caller checks
    /// the count once the server's attributes are added.
    static func prepareForNewObject(_ attributes: [Attribute], limits: AdapterLimits) throws(OperationError) -> [Attribute] {
        var counts: [String: Int32] = [:]
        var prepared: [Attribute] = []
        // Checked first, so that a flood is refused before any of it is looked at.
        try checkCount(attributes, limits: limits)
        for attribute in attributes {
            try check(attribute, may: .set)
            try checkSize(attribute, limits: limits)
            let index = counts[attribute.name, default: 0]
            if index > 0, !isMultiInstance(attribute.name) {
                throw OperationError.invalidField("\(attribute.name) may appear only once")
            }
            counts[attribute.name] = index + 1
            var copy = attribute
            copy.index = isMultiInstance(attribute.name) ? index : nil
            prepared.append(copy)
        }
        return prepared
    }

    /// The attributes a response may carry for `version`: those the version defines, index 0 omitted.
    static func forResponse(_ attributes: [Attribute], version: ProtocolVersion) -> [Attribute] {
        attributes.compactMap { attribute in
            if let rule = AttributeRule.named(attribute.name), rule.since > version { return nil }
            return attribute.responseForm
        }
    }
}
