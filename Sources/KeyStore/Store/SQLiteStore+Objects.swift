import Foundation
import KMIP
import TTLV

extension SQLiteStore {
    // MARK: Create

    public func create(_ object: NewObject, adapterID: Int64) async throws -> StoredObject {
        let split = try StoredAttributes(template: object.attributes)
        return try await writer.write { database in
            try self.insert(object, split, adapterID: adapterID, database: database)
        }
    }

    /// Creates many objects in one transaction (one fsync): for imports and for filling a store
    /// in benchmarks. All or nothing.
    public func createBatch(_ objects: [NewObject], adapterID: Int64) async throws -> [StoredObject] {
        let splits = try objects.map { object throws(KeyStoreError) in try StoredAttributes(template: object.attributes) }
        return try await writer.write { database in
            var created: [StoredObject] = []
            created.reserveCapacity(objects.count)
            for (object, split) in zip(objects, splits) {
                created.append(try self.insert(object, split, adapterID: adapterID, database: database))
            }
            return created
        }
    }

    private func insert(
        _ object: NewObject, _ split: StoredAttributes, adapterID: Int64, database: SQLiteDatabase
    ) throws(KeyStoreError) -> StoredObject {
        let (rootKeyID, limits) = try currentRootKey(adapterID: adapterID, database: database)
        try countObject(adapterID: adapterID, limit: limits.maximumObjects, database: database)
        let sealer = try sealer(rootKeyID: rootKeyID, database: database)
        let now = clock.seconds()
        let uid = UUID().uuidString.lowercased()
        let lifecycle = ObjectLifecycle.created(
            at: now, activation: split.activationDate, deactivation: split.deactivationDate)
        let context = { (column: String) in
            AssociatedData.object(uid: uid, adapterID: adapterID, rootKeyID: rootKeyID, column: column)
        }
        let sealedAttributes = try sealer.seal(StoredAttributes.encode(split.sealed), binding: context("attributes"))
        let sealedMaterial = try sealer.seal(object.material, binding: context("material"))
        let insert = try database.statement(
            """
            INSERT INTO objects (uid, adapter_id, root_key_id, object_type, algorithm, length, usage_mask, state,
                initial_date, activation_date, deactivation_date, last_change_date, attributes, material)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(1, uid)
        insert.bind(2, adapterID)
        insert.bind(3, rootKeyID)
        insert.bind(4, Int64(object.objectType.rawValue))
        insert.bind(5, split.cryptographicAlgorithm.map { Int64($0.rawValue) })
        insert.bind(6, split.cryptographicLength.map { Int64($0) })
        insert.bind(7, split.cryptographicUsageMask.map { Int64($0.rawValue) })
        insert.bind(8, Int64(lifecycle.state.rawValue))
        insert.bind(9, lifecycle.dates.initial)
        insert.bind(10, lifecycle.dates.activation)
        insert.bind(11, lifecycle.dates.deactivation)
        insert.bind(12, lifecycle.dates.lastChange)
        insert.bind(13, sealedAttributes)
        insert.bind(14, sealedMaterial)
        try insert.run()
        let objectID = database.lastInsertRowID
        try authenticate(.objects, id: objectID, database: database)
        try insertIndex(split.sealed, objectID: objectID, adapterID: adapterID, database: database)
        return StoredObject(
            uniqueIdentifier: uid, adapterID: adapterID, objectType: object.objectType,
            cryptographicAlgorithm: split.cryptographicAlgorithm, cryptographicLength: split.cryptographicLength,
            cryptographicUsageMask: split.cryptographicUsageMask, state: lifecycle.state, dates: lifecycle.dates,
            attributes: split.sealed)
    }

    /// Counts one more object for the adapter's quota, in the creating transaction, and refuses
    /// it past `limit`. A counter row rather than `count(*)`, which reads the whole adapter.
    private func countObject(adapterID: Int64, limit: Int, database: SQLiteDatabase) throws(KeyStoreError) {
        let statement = try database.statement(
            """
            INSERT INTO adapter_objects (adapter_id, count) VALUES (?1, 1)
            ON CONFLICT (adapter_id) DO UPDATE SET count = count + 1 RETURNING count
            """)
        defer { statement.reset() }
        statement.bind(1, adapterID)
        guard try statement.step() else { return }
        let count = statement.int64(0)
        guard count <= Int64(limit) else {
            throw KeyStoreError(
                .quotaExceeded,
                "the adapter holds its maximum of \(limit) objects (limits.objects in its configuration); "
                    + "destroyed objects count until their adapter is deleted")
        }
    }

    /// The adapter's current root key and quotas, read and checked inside the write transaction
    /// so a concurrent apply that deleted or changed it is seen.
    func currentRootKey(adapterID: Int64, database: SQLiteDatabase) throws(KeyStoreError) -> (Int64, AdapterLimits) {
        let statement = try database.statement(
            "SELECT \(AuthenticatedTable.adapters.columns), mac FROM adapters WHERE id = ?")
        defer { statement.reset() }
        statement.bind(1, adapterID)
        guard try statement.step() else {
            throw KeyStoreError(.notFound, "adapter \(adapterID) does not exist")
        }
        try verify(.adapters, statement)
        guard let rootKeyID = statement.optionalInt64(4) else {
            throw KeyStoreError(
                .rootKeyUnavailable, "the adapter's root key was deleted; apply a configuration that names one")
        }
        return (rootKeyID, Self.limits(statement, from: 7))
    }

    func insertIndex(
        _ attributes: [Attribute], objectID: Int64, adapterID: Int64, database: SQLiteDatabase
    ) throws(KeyStoreError) {
        try runIndex(
            "INSERT OR IGNORE INTO object_index (adapter_id, tag, object_id) VALUES (?, ?, ?)", attributes,
            objectID: objectID, adapterID: adapterID, database: database)
    }

    func deleteIndex(
        _ attributes: [Attribute], objectID: Int64, adapterID: Int64, database: SQLiteDatabase
    ) throws(KeyStoreError) {
        try runIndex(
            "DELETE FROM object_index WHERE adapter_id = ? AND tag = ? AND object_id = ?", attributes,
            objectID: objectID, adapterID: adapterID, database: database)
    }

    /// Runs `sql`, whose parameters are (adapter id, blind-index tag, object id), once per
    /// indexable attribute.
    private func runIndex(
        _ sql: String, _ attributes: [Attribute], objectID: Int64, adapterID: Int64, database: SQLiteDatabase
    ) throws(KeyStoreError) {
        let statement = try database.statement(sql)
        for attribute in attributes {
            guard let tag = blindIndex.tag(adapterID: adapterID, attribute: attribute) else { continue }
            statement.bind(1, adapterID)
            statement.bind(2, tag)
            statement.bind(3, objectID)
            try statement.run()
        }
    }

    // MARK: Read

    public func object(_ uniqueIdentifier: String, adapterID: Int64) throws -> StoredObject {
        let now = clock.seconds()
        return try readers.read { database throws(KeyStoreError) -> StoredObject in
            let row = try self.row(uniqueIdentifier, adapterID: adapterID, database: database)
            let sealer = try self.sealer(rootKeyID: row.rootKeyID, database: database)
            return try row.managedObject(sealer, now: now)
        }
    }

    public func key(_ uniqueIdentifier: String, adapterID: Int64) throws -> StoredKey {
        let now = clock.seconds()
        return try readers.read { database throws(KeyStoreError) -> StoredKey in
            let row = try self.row(uniqueIdentifier, adapterID: adapterID, database: database)
            return try row.key(self.sealer(rootKeyID: row.rootKeyID, database: database), now: now)
        }
    }

    func row(_ uid: String, adapterID: Int64, database: SQLiteDatabase) throws(KeyStoreError) -> ObjectRow {
        let statement = try database.statement(ObjectRow.selectByIdentifier)
        defer { statement.reset() }
        statement.bind(1, uid)
        statement.bind(2, adapterID)
        // Another adapter's object is reported exactly like a missing one.
        guard try statement.step() else {
            throw KeyStoreError(.objectNotFound, "no object \(uid) in this adapter")
        }
        try verify(.objects, statement)
        return ObjectRow(statement)
    }

    public func objectSummaries(adapterID: Int64) throws -> [ObjectSummary] {
        let now = clock.seconds()
        return try readers.snapshot { database throws(KeyStoreError) -> [ObjectSummary] in
            let statement = try database.statement(
                "SELECT \(ObjectRow.columns), mac FROM objects WHERE adapter_id = ? ORDER BY id")
            defer { statement.reset() }
            statement.bind(1, adapterID)
            var result: [ObjectSummary] = []
            while try statement.step() {
                let row = ObjectRow(statement)
                do throws(KeyStoreError) {
                    try self.verify(.objects, statement)
                    let object = try row.managedObject(
                        self.sealer(rootKeyID: row.rootKeyID, database: database), now: now)
                    result.append(
                        ObjectSummary(
                            uniqueIdentifier: object.uniqueIdentifier, adapterID: adapterID, names: object.names,
                            objectType: object.objectType, cryptographicAlgorithm: object.cryptographicAlgorithm,
                            cryptographicLength: object.cryptographicLength, state: object.state, dates: object.dates))
                } catch {
                    result.append(
                        ObjectSummary(
                            uniqueIdentifier: row.uid, adapterID: adapterID, names: [], objectType: row.objectType,
                            cryptographicAlgorithm: row.algorithm, cryptographicLength: row.length, state: row.state,
                            dates: row.dates, problem: error.reason))
                }
            }
            return result
        }
    }

    // MARK: Lifecycle

    public func activate(_ uniqueIdentifier: String, adapterID: Int64) async throws {
        try await transition(uniqueIdentifier, adapterID: adapterID) { lifecycle, now throws(KeyStoreError) in
            try lifecycle.activate(at: now)
        }
    }

    public func revoke(
        _ uniqueIdentifier: String, adapterID: Int64, reason: RevocationReason, compromiseOccurrenceDate: Int64?
    ) async throws {
        try await transition(uniqueIdentifier, adapterID: adapterID) { lifecycle, now throws(KeyStoreError) in
            try lifecycle.revoke(reason: reason, compromiseOccurrence: compromiseOccurrenceDate, at: now)
        }
    }

    public func destroy(_ uniqueIdentifier: String, adapterID: Int64) async throws {
        try await transition(uniqueIdentifier, adapterID: adapterID) { lifecycle, now throws(KeyStoreError) in
            try lifecycle.destroy(at: now)
        }
        // secure_delete zeroed the page in the database; a checkpoint moves the WAL on, so
        // the old sealed copy there is overwritten soon rather than late.
        writer.maintenance { database in try? database.execute("PRAGMA wal_checkpoint(PASSIVE)") }
    }

    /// Reads the row, applies `change` to its lifecycle, and writes state, dates, Revocation
    /// Reason and (for Destroy) the deleted material back, in one job of the batch.
    private func transition(
        _ uid: String, adapterID: Int64,
        _ change: @escaping @Sendable (inout ObjectLifecycle, Int64) throws(KeyStoreError) -> Void
    ) async throws {
        let clock = self.clock
        try await writer.write { database in
            let row = try self.row(uid, adapterID: adapterID, database: database)
            let sealer = try self.sealer(rootKeyID: row.rootKeyID, database: database)
            var attributes = try row.attributes(sealer)
            var lifecycle = row.lifecycle(attributes: attributes)
            let previousReason = lifecycle.revocationReason
            let now = clock.seconds()
            try change(&lifecycle, now)
            var sealedAttributes = row.sealedAttributes
            if let reason = lifecycle.revocationReason, reason != previousReason {
                attributes.removeAll { $0.name == AttributeName.revocationReason.rawValue }
                attributes.append(Attribute(.revocationReason, reason))
                sealedAttributes = try sealer.seal(StoredAttributes.encode(attributes), binding: row.attributesContext)
            }
            let destroyed = lifecycle.state == .destroyed || lifecycle.state == .destroyedCompromised
            let update = try database.statement(
                """
                UPDATE objects SET state = ?, activation_date = ?, deactivation_date = ?, compromise_date = ?,
                    compromise_occurrence_date = ?, destroy_date = ?, last_change_date = ?, attributes = ?,
                    material = CASE WHEN ? THEN NULL ELSE material END
                WHERE id = ?
                """)
            update.bind(1, Int64(lifecycle.state.rawValue))
            update.bind(2, lifecycle.dates.activation)
            update.bind(3, lifecycle.dates.deactivation)
            update.bind(4, lifecycle.dates.compromise)
            update.bind(5, lifecycle.dates.compromiseOccurrence)
            update.bind(6, lifecycle.dates.destroy)
            update.bind(7, lifecycle.dates.lastChange)
            update.bind(8, sealedAttributes)
            update.bind(9, destroyed ? Int64(1) : Int64(0))
            update.bind(10, row.id)
            try update.run()
            try self.authenticate(.objects, id: row.id, database: database)
        }
    }

    // MARK: Attributes

    public func updateAttributes(
        _ uniqueIdentifier: String, adapterID: Int64,
        _ body: @escaping @Sendable (inout [Attribute]) throws -> Void
    ) async throws -> [Attribute] {
        let clock = self.clock
        return try await writer.write { database in
            let row = try self.row(uniqueIdentifier, adapterID: adapterID, database: database)
            let sealer = try self.sealer(rootKeyID: row.rootKeyID, database: database)
            let now = clock.seconds()
            var object = try row.managedObject(sealer, now: now)
            let before = object.allAttributes
            var after = before
            try body(&after)
            if after == before { return before }
            // Server-managed attributes must come back as they were.
            for name in StoredAttributes.clientUnchangeableNames
            where before.filter({ $0.name == name }) != after.filter({ $0.name == name }) {
                throw KeyStoreError(.readOnlyAttribute, "\(name) cannot be changed by a client")
            }
            var lifecycle = row.lifecycle(attributes: object.attributes)
            lifecycle.settle(at: now)
            let activation = try Self.date(.activationDate, in: after).get()
            if try activation != Self.date(.activationDate, in: before).get() {
                try lifecycle.setActivationDate(activation, at: now)
            }
            let deactivation = try Self.date(.deactivationDate, in: after).get()
            if try deactivation != Self.date(.deactivationDate, in: before).get() {
                try lifecycle.setDeactivationDate(deactivation, at: now)
            }
            let sealed = after.filter { !StoredAttributes.clearNames.contains($0.name) }
            lifecycle.dates.lastChange = now
            let sealedAttributes = try sealer.seal(StoredAttributes.encode(sealed), binding: row.attributesContext)
            try self.deleteIndex(object.attributes, objectID: row.id, adapterID: adapterID, database: database)
            try self.insertIndex(sealed, objectID: row.id, adapterID: adapterID, database: database)
            let update = try database.statement(
                """
                UPDATE objects SET state = ?, activation_date = ?, deactivation_date = ?, last_change_date = ?,
                    attributes = ?
                WHERE id = ?
                """)
            update.bind(1, Int64(lifecycle.state.rawValue))
            update.bind(2, lifecycle.dates.activation)
            update.bind(3, lifecycle.dates.deactivation)
            update.bind(4, lifecycle.dates.lastChange)
            update.bind(5, sealedAttributes)
            update.bind(6, row.id)
            try update.run()
            try self.authenticate(.objects, id: row.id, database: database)
            object.attributes = sealed
            object.state = lifecycle.state
            object.dates = lifecycle.dates
            return object.allAttributes
        }
    }

    /// The single value of a date attribute in a list: `nil` when absent, an error when given
    /// twice or with another type.
    static func date(_ name: AttributeName, in attributes: [Attribute]) -> Result<Int64?, KeyStoreError> {
        let matches = attributes.filter { $0.name == name.rawValue }
        guard matches.count <= 1 else {
            return .failure(KeyStoreError(.invalidAttribute, "\(name) may appear only once"))
        }
        guard let value = matches.first?.value else { return .success(nil) }
        guard case .dateTime(let date) = value else {
            return .failure(KeyStoreError(.invalidAttribute, "\(name) must be a Date-Time"))
        }
        return .success(date)
    }
}
