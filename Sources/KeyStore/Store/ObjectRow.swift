import KMIP

/// One row of `objects` as read, still sealed.
struct ObjectRow {
    static let columns = """
        id, uid, adapter_id, root_key_id, object_type, algorithm, length, usage_mask, state, initial_date, \
        activation_date, deactivation_date, compromise_date, compromise_occurrence_date, destroy_date, \
        last_change_date, attributes, material
        """
    /// One object of one adapter. Built once: the statement cache is keyed by this text, and
    /// every Get looks it up.
    static let selectByIdentifier = "SELECT \(columns), mac FROM objects WHERE uid = ? AND adapter_id = ?"

    var id: Int64
    var uid: String
    var adapterID: Int64
    var rootKeyID: Int64
    var objectType: ObjectType
    var algorithm: CryptographicAlgorithm?
    var length: Int32?
    var usageMask: CryptographicUsageMask?
    var state: State
    var dates: LifecycleDates
    var sealedAttributes: [UInt8]
    var sealedMaterial: [UInt8]?

    init(_ statement: SQLiteStatement) {
        id = statement.int64(0)
        uid = statement.string(1)
        adapterID = statement.int64(2)
        rootKeyID = statement.int64(3)
        objectType = ObjectType(rawValue: UInt32(truncatingIfNeeded: statement.int64(4)))
        algorithm = statement.optionalInt64(5).map { CryptographicAlgorithm(rawValue: UInt32(truncatingIfNeeded: $0)) }
        length = statement.optionalInt64(6).map { Int32(truncatingIfNeeded: $0) }
        usageMask = statement.optionalInt64(7).map { CryptographicUsageMask(rawValue: Int32(truncatingIfNeeded: $0)) }
        state = State(rawValue: UInt32(truncatingIfNeeded: statement.int64(8)))
        dates = LifecycleDates(
            initial: statement.int64(9), activation: statement.optionalInt64(10),
            deactivation: statement.optionalInt64(11), compromise: statement.optionalInt64(12),
            compromiseOccurrence: statement.optionalInt64(13), destroy: statement.optionalInt64(14),
            lastChange: statement.int64(15))
        sealedAttributes = statement.blob(16)
        sealedMaterial = statement.optionalBlob(17)
    }

    var attributesContext: AssociatedData {
        .object(uid: uid, adapterID: adapterID, rootKeyID: rootKeyID, column: "attributes")
    }

    var materialContext: AssociatedData {
        .object(uid: uid, adapterID: adapterID, rootKeyID: rootKeyID, column: "material")
    }

    func attributes(_ sealer: Sealer) throws(KeyStoreError) -> [Attribute] {
        try StoredAttributes.decode(sealer.open(sealedAttributes, binding: attributesContext))
    }

    func lifecycle(attributes: [Attribute]) -> ObjectLifecycle {
        let reason = attributes.first { $0.name == AttributeName.revocationReason.rawValue }
            .flatMap { try? $0.decodedValue(as: RevocationReason.self) }
        return ObjectLifecycle(state: state, dates: dates, revocationReason: reason)
    }

    /// The object with its attributes unsealed; the material stays sealed (``key(_:now:)``).
    func managedObject(_ sealer: Sealer, now: Int64) throws(KeyStoreError) -> StoredObject {
        let attributes = try attributes(sealer)
        let lifecycle = ObjectLifecycle(state: state, dates: dates)
        return StoredObject(
            uniqueIdentifier: uid, adapterID: adapterID, objectType: objectType, cryptographicAlgorithm: algorithm,
            cryptographicLength: length, cryptographicUsageMask: usageMask,
            state: lifecycle.effectiveState(at: now), dates: dates, attributes: attributes)
    }

    /// The key as Get serves it: only the material is unsealed.
    func key(_ sealer: Sealer, now: Int64) throws(KeyStoreError) -> StoredKey {
        StoredKey(
            uniqueIdentifier: uid, objectType: objectType, cryptographicAlgorithm: algorithm, cryptographicLength: length,
            state: ObjectLifecycle(state: state, dates: dates).effectiveState(at: now),
            material: try sealedMaterial.map { sealed throws(KeyStoreError) in
                try sealer.open(sealed, binding: materialContext)
            })
    }
}
