import KMIP
import TTLV

/// A KMIP object's metadata: clear lifecycle fields and unsealed attributes, never its key
/// material (Get reads that through ``StateStore/key(_:adapterID:)``). Held only for the
/// request that asked.
public struct StoredObject: Sendable {
    public var uniqueIdentifier: String
    /// The adapter that owns the object; requests from any other adapter never see it.
    public var adapterID: Int64
    public var objectType: ObjectType
    public var cryptographicAlgorithm: CryptographicAlgorithm?
    public var cryptographicLength: Int32?
    public var cryptographicUsageMask: CryptographicUsageMask?
    /// The effective state now (time-driven transitions included).
    public var state: State
    public var dates: LifecycleDates
    /// Every other attribute (Name, custom `x-`/`y-`, Contact Information, Object Group, Link,
    /// Revocation Reason…), as stored sealed.
    public var attributes: [Attribute]

    /// kmipgw's export policy (KMIP 1.4 §3.47–3.50), the same for every key: any key may be
    /// fetched, in the clear or wrapped as the client asks. Reported, never stored.
    public static let exportPolicy: [(name: AttributeName, value: Bool)] = [
        (.sensitive, false), (.alwaysSensitive, false), (.extractable, true), (.neverExtractable, false),
    ]

    /// The object's attributes as KMIP reports them: the lifecycle fields, the export policy
    /// every key shares, then the stored ones. Attributes that have no value (an unset date) are absent.
    public var allAttributes: [Attribute] {
        var result: [Attribute] = [
            Attribute(.uniqueIdentifier, uniqueIdentifier),
            Attribute(name: .objectType, value: .enumeration(objectType.rawValue)),
        ]
        if let cryptographicAlgorithm {
            result.append(Attribute(name: .cryptographicAlgorithm, value: .enumeration(cryptographicAlgorithm.rawValue)))
        }
        if let cryptographicLength { result.append(Attribute(.cryptographicLength, cryptographicLength)) }
        if let cryptographicUsageMask {
            result.append(Attribute(.cryptographicUsageMask, cryptographicUsageMask.rawValue))
        }
        result.append(Attribute(name: .state, value: .enumeration(state.rawValue)))
        let dated: [(AttributeName, Int64?)] = [
            (.initialDate, dates.initial), (.activationDate, dates.activation),
            (.deactivationDate, dates.deactivation), (.compromiseDate, dates.compromise),
            (.compromiseOccurrenceDate, dates.compromiseOccurrence), (.destroyDate, dates.destroy),
            (.lastChangeDate, dates.lastChange),
        ]
        for (name, date) in dated {
            if let date { result.append(Attribute(name: name, value: .dateTime(date))) }
        }
        for (name, value) in Self.exportPolicy {
            result.append(Attribute(name: name, value: .boolean(value)))
        }
        return result + attributes
    }

    /// The values of the object's Name attributes.
    public var names: [String] {
        attributes.compactMap { attribute in
            guard attribute.name == AttributeName.name.rawValue else { return nil }
            return try? attribute.decodedValue(as: Name.self).value
        }
    }
}
