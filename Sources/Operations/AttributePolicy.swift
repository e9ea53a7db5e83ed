import KMIP
import TTLV

/// What a client may do with each attribute (KMIP 1.4 §3 and the custom-attribute rules):
/// `x-` attributes are the client's, `y-` attributes are the server's, standard attributes
/// follow ``AttributeRule``.
enum AttributePolicy {
    enum Action: String {
        case set = "set"
        case modify = "modify"
        case delete = "delete"
    }

    static func check(_ name: String, may action: Action) throws(OperationError) {
        if name.hasPrefix("x-") { return }
        if name.hasPrefix("y-") {
            throw OperationError(.permissionDenied, "\(name) is a server-defined (y-) attribute; clients cannot \(action.rawValue) it")
        }
        guard let rule = AttributeRule.named(name) else {
            throw OperationError.invalidField("\(name) is not a KMIP attribute; custom attributes start with x-")
        }
        let allowed: Bool
        switch action {
        case .set: allowed = rule.clientMaySet
        case .modify: allowed = rule.clientMayModify
        case .delete: allowed = rule.clientMayDelete
        }
        guard allowed else {
            throw OperationError(.permissionDenied, "\(name) cannot be \(action == .set ? "set" : action.rawValue + "d") by a client")
        }
    }

    /// ``check(_:may:)`` for the name, then the values kmipgw cannot honour: it serves keys only
    /// unwrapped over mutual TLS, so a key that may not leave the server in the clear (Sensitive
    /// true, Extractable false; KMIP 1.4 §3.47, §3.49) could never be used, and is refused
    /// rather than handed out against the client's wish.
    static func check(_ attribute: Attribute, may action: Action) throws(OperationError) {
        try check(attribute.name, may: action)
        switch (attribute.name, attribute.value) {
        case (AttributeName.sensitive.rawValue, .boolean(true)):
            throw OperationError(.featureNotSupported, "kmipgw serves keys unwrapped only; it cannot keep a Sensitive key")
        case (AttributeName.extractable.rawValue, .boolean(false)):
            throw OperationError(.featureNotSupported, "kmipgw serves keys unwrapped only; it cannot keep a key that is not Extractable")
        default:
            return
        }
    }

    /// The lifecycle dates a client may change only in some states (KMIP 1.4 §3.24 and §3.27).
    /// Refused with Permission Denied (SKLC-M-3) even when the new value equals the old one: the
    /// attempt is what the state forbids.
    static func checkState(toModify name: String, of attributes: [Attribute]) throws(OperationError) {
        let allowed: [State]
        switch name {
        case AttributeName.activationDate.rawValue: allowed = [.preActive]
        case AttributeName.deactivationDate.rawValue: allowed = [.preActive, .active]
        default: return
        }
        guard let attribute = attributes.first(where: { $0.name == AttributeName.state.rawValue }),
            case .enumeration(let raw) = attribute.value
        else { return }
        let state = State(rawValue: raw)
        guard allowed.contains(state) else {
            let states = allowed.map { "\($0)" }.joined(separator: " or ")
            throw OperationError(.permissionDenied, "\(name) can change only while the object is \(states); it is \(state)")
        }
    }

    /// Whether several instances of `name` may exist.
    static func isMultiInstance(_ name: String) -> Bool {
        if name.hasPrefix("x-") || name.hasPrefix("y-") { return true }
        return AttributeRule.named(name)?.isMultiInstance ?? false
    }

    /// Client attributes for a new object: every one allowed, single-instance ones once, and
    /// indices assigned in order of appearance.
    static func prepareForNewObject(_ attributes: [Attribute]) throws(OperationError) -> [Attribute] {
        var counts: [String: Int32] = [:]
        var prepared: [Attribute] = []
        for attribute in attributes {
            try check(attribute, may: .set)
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
