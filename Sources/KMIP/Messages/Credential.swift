import TTLV

/// One credential of a request header's Authentication.
public enum Credential: Hashable, Sendable {
    /// Username and Password (the password is optional in KMIP).
    case usernameAndPassword(username: String, password: String?)
    /// Device, Attestation and later credential types, kept as received.
    case other(type: CredentialType, value: TTLVItem)

    init(ttlv item: TTLVItem) throws {
        var reader = try StructureReader(item, expecting: .credential)
        let type: CredentialType = try reader.require(.credentialType)
        let value = try reader.requireItem(.credentialValue)
        try reader.finish()
        guard type == .usernameAndPassword else {
            self = .other(type: type, value: value)
            return
        }
        var fields = try StructureReader(value, expecting: .credentialValue)
        let username: String = try fields.require(.username)
        let password: String? = try fields.optional(.password)
        try fields.finish()
        self = .usernameAndPassword(username: username, password: password)
    }

    func ttlv(version: ProtocolVersion) -> TTLVItem {
        switch self {
        case .usernameAndPassword(let username, let password):
            var fields = [TTLVItem(.username, username)]
            fields.append(.password, password)
            return .structure(.credential, [
                TTLVItem(.credentialType, CredentialType.usernameAndPassword), .structure(.credentialValue, fields),
            ])
        case .other(let type, let value):
            return .structure(.credential, [TTLVItem(.credentialType, type), value])
        }
    }
}

extension Credential: CustomStringConvertible {
    /// Never shows a password.
    public var description: String {
        switch self {
        case .usernameAndPassword(let username, let password):
            "UsernameAndPassword(\(username)\(password == nil ? "" : ", password: <redacted>"))"
        case .other(let type, _):
            "\(type)(<redacted>)"
        }
    }
}
