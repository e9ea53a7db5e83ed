import Crypto
import Foundation
import KMIP
import Synchronization

/// `apply`: configuration changes in one transaction, with the plan's conditions checked inside it.
extension SQLiteStore {
    public func apply(_ changes: [ConfigurationChange], conditions: ApplyConditions) async throws -> ApplyResult {
        if changes.isEmpty {
            return ApplyResult(generation: try generation(), deletedObjects: 0)
        }
        // Root keys are generated before the transaction: the writer queue does only database
        // work. (Certificates come parsed, in the change itself.)
        let work = changes.map(PreparedChange.init)
        let now = clock.seconds()
        let result = try await writer.write { database in
            // Changes are never built on rows changed outside kmipgw: re-tagging them would
            // launder the change.
            try self.verifyConfiguration(database)
            let current = UInt64(try database.integer("SELECT value FROM generation WHERE id = 1"))
            if let expected = conditions.expectedGeneration, expected != current {
                throw KeyStoreError(
                    .generationChanged,
                    "the store changed since this plan was made (generation \(expected), now \(current)); "
                        + "run plan again")
            }
            var deleted = 0
            var holders: [String] = []
            for change in work {
                let count = try self.apply(change, now: now, database: database)
                if count > 0 { holders.append("\(change.change.subject) holds \(count) KMIP \(count == 1 ? "key" : "keys")") }
                deleted += count
            }
            if deleted > 0 && !conditions.allowsDeletingObjects {
                // Counted inside the transaction, so keys created after the plan count too.
                throw KeyStoreError(
                    .destroyNotAllowed,
                    "refusing to delete KMIP keys: \(holders.joined(separator: ", ")) now; nothing was changed; "
                        + "re-run with --allow-destroy to delete them")
            }
            try database.statement("UPDATE generation SET value = value + 1 WHERE id = 1").run()
            try Self.authenticateGeneration(with: self.hierarchy.rowAuthenticator, database: database)
            let generation = UInt64(try database.integer("SELECT value FROM generation WHERE id = 1"))
            return ApplyResult(generation: generation, deletedObjects: deleted)
        }
        if work.contains(where: \.shreds) {
            // Push the deleted root keys' pages out of the WAL as well.
            writer.maintenance { database in try? database.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
            writer.flush()
        }
        return result
    }

    /// A change with its expensive part (key generation) done.
    struct PreparedChange: Sendable {
        var change: ConfigurationChange
        /// A new root key, kept as a `SymmetricKey` (which zeroes its storage) until sealed.
        var rootKey: SymmetricKey?

        var shreds: Bool {
            switch change {
            case .deleteRootKey, .deleteInstance: true
            default: false
            }
        }

        init(_ change: ConfigurationChange) {
            self.change = change
            if case .createRootKey = change {
                rootKey = SymmetricKey(size: .bits256)
            }
        }
    }

    /// Applies one change; returns how many KMIP objects it deleted.
    private func apply(_ prepared: PreparedChange, now: Int64, database: SQLiteDatabase) throws(KeyStoreError) -> Int {
        switch prepared.change {
        case .createInstance(let name, let description):
            let insert = try database.statement(
                "INSERT INTO instances (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)")
            insert.bind(1, name)
            insert.bind(2, description)
            insert.bind(3, now)
            insert.bind(4, now)
            try run(insert, what: "instance \(name)")
            try authenticate(.instances, id: database.lastInsertRowID, database: database)
            return 0
        case .updateInstance(let name, let description):
            let instance = try instanceID(name, database)
            let update = try database.statement("UPDATE instances SET description = ?, updated_at = ? WHERE id = ?")
            update.bind(1, description)
            update.bind(2, now)
            update.bind(3, instance)
            try update.run()
            try authenticate(.instances, id: instance, database: database)
            return 0
        case .deleteInstance(let name):
            let instance = try instanceID(name, database)
            var deleted = 0
            let adapters = try database.statement("SELECT id FROM adapters WHERE instance_id = ?")
            adapters.bind(1, instance)
            var adapterIDs: [Int64] = []
            while try adapters.step() { adapterIDs.append(adapters.int64(0)) }
            adapters.reset()
            for adapter in adapterIDs { deleted += try deleteAdapter(adapter, database) }
            let rootKeys = try database.statement("SELECT id FROM root_keys WHERE instance_id = ?")
            rootKeys.bind(1, instance)
            var rootKeyIDs: [Int64] = []
            while try rootKeys.step() { rootKeyIDs.append(rootKeys.int64(0)) }
            rootKeys.reset()
            for rootKey in rootKeyIDs { deleted += try deleteRootKey(rootKey, database) }
            let delete = try database.statement("DELETE FROM instances WHERE id = ?")
            delete.bind(1, instance)
            try delete.run()
            return deleted
        case .createRootKey(let instanceName, let name):
            let instance = try instanceID(instanceName, database)
            let insert = try database.statement(
                "INSERT INTO root_keys (instance_id, name, sealed_key, created_at) VALUES (?, ?, x'', ?)")
            insert.bind(1, instance)
            insert.bind(2, name)
            insert.bind(3, now)
            try run(insert, what: "root key \(instanceName)/\(name)")
            // The id is part of the associated data, so the key is sealed once the row exists.
            let id = database.lastInsertRowID
            var plain = prepared.rootKey?.withUnsafeBytes { Array($0) } ?? []
            defer { SecretBytes.zero(&plain) }
            let sealed = try hierarchy.rootKeySealer.seal(plain, binding: .rootKey(id: id, instanceID: instance))
            let update = try database.statement("UPDATE root_keys SET sealed_key = ? WHERE id = ?")
            update.bind(1, sealed)
            update.bind(2, id)
            try update.run()
            try authenticate(.rootKeys, id: id, database: database)
            return 0
        case .deleteRootKey(let instanceName, let name):
            let instance = try instanceID(instanceName, database)
            return try deleteRootKey(rootKeyID(instance, name, database), database)
        case .createAdapter(let instanceName, let name, let description, let rootKeyName, let limits):
            let instance = try instanceID(instanceName, database)
            let rootKey = try rootKeyID(instance, rootKeyName, database)
            let insert = try database.statement(
                """
                INSERT INTO adapters (instance_id, name, description, root_key_id, created_at, updated_at,
                    max_objects, max_attributes, max_attribute_bytes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(1, instance)
            insert.bind(2, name)
            insert.bind(3, description)
            insert.bind(4, rootKey)
            insert.bind(5, now)
            insert.bind(6, now)
            insert.bind(7, Int64(limits.maximumObjects))
            insert.bind(8, Int64(limits.maximumAttributesPerObject))
            insert.bind(9, Int64(limits.maximumAttributeBytes))
            try run(insert, what: "adapter \(instanceName)/\(name)")
            try authenticate(.adapters, id: database.lastInsertRowID, database: database)
            return 0
        case .updateAdapter(let instanceName, let name, let description, let rootKeyName, let limits):
            let instance = try instanceID(instanceName, database)
            let adapter = try adapterID(instance, name, database)
            let rootKey = try rootKeyID(instance, rootKeyName, database)
            let update = try database.statement(
                """
                UPDATE adapters SET description = ?, root_key_id = ?, updated_at = ?, max_objects = ?,
                    max_attributes = ?, max_attribute_bytes = ?
                WHERE id = ?
                """)
            update.bind(1, description)
            update.bind(2, rootKey)
            update.bind(3, now)
            update.bind(4, Int64(limits.maximumObjects))
            update.bind(5, Int64(limits.maximumAttributesPerObject))
            update.bind(6, Int64(limits.maximumAttributeBytes))
            update.bind(7, adapter)
            try update.run()
            try authenticate(.adapters, id: adapter, database: database)
            return 0
        case .deleteAdapter(let instanceName, let name):
            let instance = try instanceID(instanceName, database)
            return try deleteAdapter(adapterID(instance, name, database), database)
        case .addCertificate(let instanceName, let adapterName, let name, let certificate):
            let instance = try instanceID(instanceName, database)
            let adapter = try adapterID(instance, adapterName, database)
            let insert = try database.statement(
                """
                INSERT INTO certificates (adapter_id, name, fingerprint, subject, not_before, not_after, der, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(1, adapter)
            insert.bind(2, name)
            insert.bind(3, certificate.fingerprint)
            insert.bind(4, certificate.subject)
            insert.bind(5, Int64(certificate.notValidBefore.timeIntervalSince1970))
            insert.bind(6, Int64(certificate.notValidAfter.timeIntervalSince1970))
            insert.bind(7, certificate.der)
            insert.bind(8, now)
            try run(insert, what: "certificate \(instanceName)/\(adapterName)/\(name)")
            try authenticate(.certificates, id: database.lastInsertRowID, database: database)
            return 0
        case .removeCertificate(let instanceName, let adapterName, let name):
            let instance = try instanceID(instanceName, database)
            let adapter = try adapterID(instance, adapterName, database)
            let delete = try database.statement("DELETE FROM certificates WHERE adapter_id = ? AND name = ?")
            delete.bind(1, adapter)
            delete.bind(2, name)
            try delete.run()
            guard database.changes == 1 else {
                throw KeyStoreError(.notFound, "certificate \(instanceName)/\(adapterName)/\(name) does not exist")
            }
            return 0
        }
    }

    /// Runs an insert, naming the row when a uniqueness rule refuses it.
    private func run(_ statement: SQLiteStatement, what: String) throws(KeyStoreError) {
        do {
            try statement.run()
        } catch where error.code == .alreadyExists {
            throw KeyStoreError(.alreadyExists, "\(what) already exists")
        } catch where error.code == .duplicateFingerprint {
            throw KeyStoreError(
                .duplicateFingerprint, "\(what): a certificate with this fingerprint is already registered")
        }
    }

    private func deleteAdapter(_ adapter: Int64, _ database: SQLiteDatabase) throws(KeyStoreError) -> Int {
        for sql in [
            "DELETE FROM certificates WHERE adapter_id = ?", "DELETE FROM object_index WHERE adapter_id = ?",
            "DELETE FROM adapter_objects WHERE adapter_id = ?",
        ] {
            let statement = try database.statement(sql)
            statement.bind(1, adapter)
            try statement.run()
        }
        let objects = try database.statement("DELETE FROM objects WHERE adapter_id = ?")
        objects.bind(1, adapter)
        try objects.run()
        let deleted = database.changes
        let delete = try database.statement("DELETE FROM adapters WHERE id = ?")
        delete.bind(1, adapter)
        try delete.run()
        return deleted
    }

    /// Crypto-shredding: the root key row (zeroed on disk by secure_delete) and every object
    /// sealed under it go; adapters that used it are left without a root key.
    private func deleteRootKey(_ rootKey: Int64, _ database: SQLiteDatabase) throws(KeyStoreError) -> Int {
        let index = try database.statement(
            """
            DELETE FROM object_index
            WHERE adapter_id IN (SELECT DISTINCT adapter_id FROM objects WHERE root_key_id = ?1)
              AND object_id IN (SELECT id FROM objects WHERE root_key_id = ?1)
            """)
        index.bind(1, rootKey)
        try index.run()
        let counts = try database.statement(
            """
            UPDATE adapter_objects SET count = count
                - (SELECT count(*) FROM objects o WHERE o.root_key_id = ?1 AND o.adapter_id = adapter_objects.adapter_id)
            """)
        counts.bind(1, rootKey)
        try counts.run()
        let objects = try database.statement("DELETE FROM objects WHERE root_key_id = ?")
        objects.bind(1, rootKey)
        try objects.run()
        let deleted = database.changes
        let stranded = try database.statement("SELECT id FROM adapters WHERE root_key_id = ?")
        stranded.bind(1, rootKey)
        var strandedIDs: [Int64] = []
        while try stranded.step() { strandedIDs.append(stranded.int64(0)) }
        stranded.reset()
        let adapters = try database.statement("UPDATE adapters SET root_key_id = NULL WHERE root_key_id = ?")
        adapters.bind(1, rootKey)
        try adapters.run()
        for adapter in strandedIDs { try authenticate(.adapters, id: adapter, database: database) }
        let delete = try database.statement("DELETE FROM root_keys WHERE id = ?")
        delete.bind(1, rootKey)
        try delete.run()
        sealers.withLock { _ = $0.removeValue(forKey: rootKey) }
        return deleted
    }

    private func instanceID(_ name: String, _ database: SQLiteDatabase) throws(KeyStoreError) -> Int64 {
        try id("SELECT id FROM instances WHERE name = ?", [.text(name)], database, what: "instance \(name)")
    }

    private func rootKeyID(_ instance: Int64, _ name: String, _ database: SQLiteDatabase) throws(KeyStoreError)
        -> Int64
    {
        try id(
            "SELECT id FROM root_keys WHERE instance_id = ? AND name = ?", [.integer(instance), .text(name)],
            database, what: "root key \(name)")
    }

    private func adapterID(_ instance: Int64, _ name: String, _ database: SQLiteDatabase) throws(KeyStoreError)
        -> Int64
    {
        try id(
            "SELECT id FROM adapters WHERE instance_id = ? AND name = ?", [.integer(instance), .text(name)],
            database, what: "adapter \(name)")
    }

    private enum Key {
        case integer(Int64)
        case text(String)
    }

    private func id(_ sql: String, _ keys: [Key], _ database: SQLiteDatabase, what: String) throws(KeyStoreError)
        -> Int64
    {
        let statement = try database.statement(sql)
        defer { statement.reset() }
        for (index, key) in keys.enumerated() {
            switch key {
            case .integer(let value): statement.bind(Int32(index + 1), value)
            case .text(let value): statement.bind(Int32(index + 1), value)
            }
        }
        guard try statement.step() else {
            throw KeyStoreError(.notFound, "\(what) does not exist")
        }
        return statement.int64(0)
    }
}
