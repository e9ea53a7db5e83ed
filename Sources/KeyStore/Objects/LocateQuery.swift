import KMIP
import TTLV

/// The filters of a Locate within one adapter. Clear fields are compared in SQL; every other
/// attribute is matched for equality through the blind index, so nothing is unsealed.
public struct LocateQuery: Sendable {
    /// The one object with this identifier, if it matches the rest (KMIP 1.4 §4.9 allows any attribute).
    public var uniqueIdentifier: String?
    public var objectType: ObjectType?
    public var cryptographicAlgorithm: CryptographicAlgorithm?
    public var cryptographicLength: Int32?
    /// Objects whose usage mask has all these bits.
    public var usageMaskContains: CryptographicUsageMask?
    /// Objects whose effective state is one of these (`nil`: any state).
    public var states: Set<State>?
    /// Inclusive date ranges, all of which must hold.
    public var dateRanges: [(field: LifecycleDateField, range: ClosedRange<Int64>)]
    /// Attributes (Name, Object Group, custom…) that must all be present with exactly these values.
    public var attributes: [Attribute]
    /// A filter no object passes (an export policy no kmipgw key has).
    public var matchesNothing = false
    /// Results to skip (Offset Items).
    public var offset: Int
    /// At most this many results (Maximum Items); `nil`: all.
    public var maximumItems: Int?

    public init(
        uniqueIdentifier: String? = nil, objectType: ObjectType? = nil, cryptographicAlgorithm: CryptographicAlgorithm? = nil,
        cryptographicLength: Int32? = nil, usageMaskContains: CryptographicUsageMask? = nil,
        states: Set<State>? = nil, dateRanges: [(field: LifecycleDateField, range: ClosedRange<Int64>)] = [],
        attributes: [Attribute] = [], offset: Int = 0, maximumItems: Int? = nil
    ) {
        self.uniqueIdentifier = uniqueIdentifier
        self.objectType = objectType
        self.cryptographicAlgorithm = cryptographicAlgorithm
        self.cryptographicLength = cryptographicLength
        self.usageMaskContains = usageMaskContains
        self.states = states
        self.dateRanges = dateRanges
        self.attributes = attributes
        self.offset = offset
        self.maximumItems = maximumItems
    }

    /// A query from the attributes of a KMIP Locate request: Unique Identifier, Object Type,
    /// Cryptographic Algorithm, Length, Usage Mask and State become clear filters; a date attribute given
    /// twice is a range (KMIP 1.4 §4.9: the first instance is the start, the second the end),
    /// once an exact date; anything else is an equality match on the blind index.
    public init(matching requested: [Attribute], offset: Int = 0, maximumItems: Int? = nil) throws(KeyStoreError) {
        self.init(offset: offset, maximumItems: maximumItems)
        var dates: [LifecycleDateField: [Int64]] = [:]
        for attribute in requested {
            let name = attribute.name
            let value = attribute.value
            if name == AttributeName.objectType.rawValue, case .enumeration(let raw) = value {
                objectType = ObjectType(rawValue: raw)
            } else if name == AttributeName.cryptographicAlgorithm.rawValue, case .enumeration(let raw) = value {
                cryptographicAlgorithm = CryptographicAlgorithm(rawValue: raw)
            } else if name == AttributeName.cryptographicLength.rawValue, case .integer(let length) = value {
                cryptographicLength = length
            } else if name == AttributeName.cryptographicUsageMask.rawValue, case .integer(let mask) = value {
                usageMaskContains = CryptographicUsageMask(rawValue: mask)
            } else if name == AttributeName.state.rawValue, case .enumeration(let raw) = value {
                states = [State(rawValue: raw)]
            } else if let field = LifecycleDateField(attributeName: name), case .dateTime(let date) = value {
                dates[field, default: []].append(date)
            } else if name == AttributeName.uniqueIdentifier.rawValue, case .textString(let identifier) = value {
                if let earlier = uniqueIdentifier, earlier != identifier {
                    throw KeyStoreError(.invalidAttribute, "Locate names two different Unique Identifiers")
                }
                uniqueIdentifier = identifier
            } else if name == AttributeName.uniqueIdentifier.rawValue {
                throw KeyStoreError(.invalidAttribute, "Unique Identifier in Locate must be a Text String")
            } else if let policy = StoredObject.exportPolicy.first(where: { $0.name.rawValue == name }) {
                // Every key has the same export policy: it matches all of them or none.
                if value != .boolean(policy.value) { matchesNothing = true }
            } else if StoredAttributes.clearNames.contains(name) {
                throw KeyStoreError(.invalidAttribute, "\(name) has the wrong type for Locate")
            } else {
                attributes.append(attribute)
            }
        }
        for (field, values) in dates.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard values.count <= 2 else {
                throw KeyStoreError(.invalidAttribute, "a date may appear at most twice in Locate (a range)")
            }
            let range = values.count == 2 ? min(values[0], values[1])...max(values[0], values[1]) : values[0]...values[0]
            dateRanges.append((field, range))
        }
    }
}
