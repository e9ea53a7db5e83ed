import TTLV

/// What the specification says about one standard attribute: its value type, whether it may
/// have several instances, and what a client may do with it (KMIP 1.4 §3, the per-attribute
/// "Rules" tables).
public struct AttributeRule: Hashable, Sendable {
    public let name: AttributeName
    /// The item types the value may have (Custom Attributes are not in this table: any type).
    public let itemTypes: Set<ItemType>
    public let isMultiInstance: Bool
    /// A client may supply it in Create or Register template attributes (and in Add Attribute).
    public let clientMaySet: Bool
    /// A client may change it with Modify Attribute.
    public let clientMayModify: Bool
    /// A client may remove it with Delete Attribute.
    public let clientMayDelete: Bool
    /// The first protocol version that defines it.
    public let since: ProtocolVersion

    /// What a client asks to do with an attribute, in the operations that do it.
    public enum Action: String, Sendable, CaseIterable {
        /// Supply it when an object is made (Create, Register) or add it (Add Attribute).
        case set
        /// Change it (Modify Attribute).
        case modify
        /// Remove it (Delete Attribute).
        case delete
    }

    /// Whether the rule lets a client do `action`.
    public func allows(_ action: Action) -> Bool {
        switch action {
        case .set: clientMaySet
        case .modify: clientMayModify
        case .delete: clientMayDelete
        }
    }

    init(
        _ name: AttributeName, _ type: ItemType, multi: Bool = false, set: Bool = false, modify: Bool = false,
        delete: Bool = false, since: ProtocolVersion = .v1_0
    ) {
        self.init(name, [type], multi: multi, set: set, modify: modify, delete: delete, since: since)
    }

    private init(
        _ name: AttributeName, _ types: Set<ItemType>, multi: Bool, set: Bool, modify: Bool, delete: Bool,
        since: ProtocolVersion
    ) {
        self.name = name
        self.itemTypes = types
        self.isMultiInstance = multi
        self.clientMaySet = set
        self.clientMayModify = modify
        self.clientMayDelete = delete
        self.since = since
    }

    /// The rule of a standard attribute, or `nil` for a custom or unknown name.
    public static func named(_ name: String) -> AttributeRule? {
        byName[name]
    }

    public static func named(_ name: AttributeName) -> AttributeRule? {
        byName[name.rawValue]
    }

    /// The rule that governs `name`: a standard attribute's from ``all``, the custom-attribute
    /// rule for an `x-` or `y-` name, or `nil` for a name KMIP does not allow.
    public static func governing(_ name: String) -> AttributeRule? {
        if let standard = byName[name] { return standard }
        if name.hasPrefix("x-") { return clientDefined }
        if name.hasPrefix("y-") { return serverDefined }
        return nil
    }

    /// Custom Attribute (§3.39) named `x-…`: defined by the client, which may do anything with
    /// it; any item type, any number of instances.
    public static let clientDefined = AttributeRule(
        AttributeName(rawValue: "x-"), Set(ItemType.allCases), multi: true, set: true, modify: true, delete: true,
        since: .v1_0)

    /// Custom Attribute (§3.39) named `y-…`: defined by the server; a client may only read it.
    public static let serverDefined = AttributeRule(
        AttributeName(rawValue: "y-"), Set(ItemType.allCases), multi: true, set: false, modify: false, delete: false,
        since: .v1_0)

    /// Every standard attribute this implementation knows, in specification order.
    public static let all: [AttributeRule] = [
        AttributeRule(.uniqueIdentifier, .textString),
        AttributeRule(.name, .structure, multi: true, set: true, modify: true, delete: true),
        AttributeRule(.objectType, .enumeration),
        AttributeRule(.cryptographicAlgorithm, .enumeration, set: true),
        AttributeRule(.cryptographicLength, .integer, set: true),
        AttributeRule(.cryptographicParameters, .structure, multi: true, set: true, modify: true, delete: true),
        AttributeRule(.cryptographicDomainParameters, .structure, set: true),
        AttributeRule(.certificateType, .enumeration),
        AttributeRule(.certificateLength, .integer, since: .v1_1),
        AttributeRule(.digitalSignatureAlgorithm, .enumeration, multi: true, since: .v1_1),
        AttributeRule(.digest, .structure, multi: true),
        AttributeRule(.operationPolicyName, .textString, set: true, modify: true, delete: true),
        AttributeRule(.cryptographicUsageMask, .integer, set: true),
        AttributeRule(.leaseTime, .interval),
        AttributeRule(.usageLimits, .structure, set: true),
        AttributeRule(.state, .enumeration),
        AttributeRule(.initialDate, .dateTime),
        AttributeRule(.activationDate, .dateTime, set: true, modify: true),
        AttributeRule(.processStartDate, .dateTime, set: true, modify: true),
        AttributeRule(.protectStopDate, .dateTime, set: true, modify: true),
        AttributeRule(.deactivationDate, .dateTime, set: true, modify: true),
        AttributeRule(.destroyDate, .dateTime),
        AttributeRule(.compromiseOccurrenceDate, .dateTime),
        AttributeRule(.compromiseDate, .dateTime),
        AttributeRule(.revocationReason, .structure),
        AttributeRule(.archiveDate, .dateTime),
        AttributeRule(.objectGroup, .textString, multi: true, set: true, modify: true, delete: true),
        AttributeRule(.fresh, .boolean, set: true, modify: true, since: .v1_1),
        AttributeRule(.link, .structure, multi: true, set: true, modify: true, delete: true),
        AttributeRule(.applicationSpecificInformation, .structure, multi: true, set: true, modify: true, delete: true),
        AttributeRule(.contactInformation, .textString, set: true, modify: true, delete: true),
        AttributeRule(.lastChangeDate, .dateTime),
        AttributeRule(.alternativeName, .structure, multi: true, set: true, modify: true, delete: true, since: .v1_2),
        AttributeRule(.keyValuePresent, .boolean, since: .v1_2),
        AttributeRule(.keyValueLocation, .structure, multi: true, set: true, modify: true, delete: true, since: .v1_2),
        AttributeRule(.originalCreationDate, .dateTime, set: true, since: .v1_2),
        AttributeRule(.randomNumberGenerator, .structure, set: true, since: .v1_3),
        AttributeRule(.pkcs12FriendlyName, .textString, multi: true, set: true, modify: true, delete: true, since: .v1_4),
        AttributeRule(.descriptionAttribute, .textString, set: true, modify: true, delete: true, since: .v1_4),
        AttributeRule(.comment, .textString, set: true, modify: true, delete: true, since: .v1_4),
        AttributeRule(.sensitive, .boolean, set: true, modify: true, since: .v1_4),
        AttributeRule(.alwaysSensitive, .boolean, since: .v1_4),
        AttributeRule(.extractable, .boolean, set: true, modify: true, since: .v1_4),
        AttributeRule(.neverExtractable, .boolean, since: .v1_4),
    ]

    private static let byName: [String: AttributeRule] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.name.rawValue, $0) }
    )
}
