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

    init(
        _ name: AttributeName, _ type: ItemType, multi: Bool = false, set: Bool = false, modify: Bool = false,
        delete: Bool = false, since: ProtocolVersion = .v1_0
    ) {
        self.name = name
        self.itemTypes = [type]
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
