import Crypto
import Foundation
import KMIP
import Synchronization
import SwiftASN1
import X509

extension SQLiteStore {
    // MARK: Reading

    public func generation() throws -> UInt64 {
        try readers.read { database throws(KeyStoreError) -> UInt64 in
            UInt64(try database.integer("SELECT value FROM generation WHERE id = 1"))
        }
    }

    public func configuration() throws -> StoreConfiguration {
        try readers.snapshot { database throws(KeyStoreError) -> StoreConfiguration in
            try self.verifyConfiguration(database)
            let generation = UInt64(try database.integer("SELECT value FROM generation WHERE id = 1"))
            var instances: [InstanceRecord] = []
            let instanceRows = try database.statement(
                "SELECT id, name, description, created_at, updated_at FROM instances ORDER BY name")
            defer { instanceRows.reset() }
            while try instanceRows.step() {
                instances.append(
                    InstanceRecord(
                        id: instanceRows.int64(0), name: instanceRows.string(1),
                        description: instanceRows.optionalString(2), createdAt: Self.date(instanceRows.int64(3)),
                        updatedAt: Self.date(instanceRows.int64(4))))
            }
            var rootKeys: [RootKeyRecord] = []
            let rootKeyRows = try database.statement(
                """
                SELECT r.id, r.instance_id, i.name, r.name, r.created_at FROM root_keys r
                JOIN instances i ON i.id = r.instance_id ORDER BY i.name, r.name
                """)
            defer { rootKeyRows.reset() }
            while try rootKeyRows.step() {
                rootKeys.append(
                    RootKeyRecord(
                        id: rootKeyRows.int64(0), instanceID: rootKeyRows.int64(1), instance: rootKeyRows.string(2),
                        name: rootKeyRows.string(3), createdAt: Self.date(rootKeyRows.int64(4))))
            }
            var adapters: [AdapterRecord] = []
            let adapterRows = try database.statement(
                """
                SELECT a.id, a.instance_id, i.name, a.name, a.description, a.root_key_id, r.name,
                    a.created_at, a.updated_at, a.max_objects, a.max_attributes, a.max_attribute_bytes
                FROM adapters a JOIN instances i ON i.id = a.instance_id
                LEFT JOIN root_keys r ON r.id = a.root_key_id ORDER BY i.name, a.name
                """)
            defer { adapterRows.reset() }
            while try adapterRows.step() {
                adapters.append(Self.adapter(adapterRows))
            }
            let certificates = try Self.certificates(database, fingerprint: nil)
            return StoreConfiguration(
                generation: generation, instances: instances, rootKeys: rootKeys, adapters: adapters,
                certificates: certificates)
        }
    }

    public func binding(forCertificateFingerprint fingerprint: String) throws -> CertificateBinding? {
        try readers.snapshot { database throws(KeyStoreError) -> CertificateBinding? in
            guard let certificate = try Self.certificates(database, fingerprint: fingerprint.lowercased()).first else {
                return nil
            }
            let statement = try database.statement(
                """
                SELECT a.id, a.instance_id, i.name, a.name, a.description, a.root_key_id, r.name,
                    a.created_at, a.updated_at, a.max_objects, a.max_attributes, a.max_attribute_bytes
                FROM adapters a JOIN instances i ON i.id = a.instance_id
                LEFT JOIN root_keys r ON r.id = a.root_key_id WHERE a.id = ?
                """)
            defer { statement.reset() }
            statement.bind(1, certificate.adapterID)
            guard try statement.step() else { return nil }
            try self.verifyRow(.certificates, id: certificate.id, database: database)
            try self.verifyRow(.adapters, id: certificate.adapterID, database: database)
            return CertificateBinding(adapter: Self.adapter(statement), certificate: certificate)
        }
    }

    static func adapter(_ row: SQLiteStatement) -> AdapterRecord {
        AdapterRecord(
            id: row.int64(0), instanceID: row.int64(1), instance: row.string(2), name: row.string(3),
            description: row.optionalString(4), rootKeyID: row.optionalInt64(5), rootKey: row.optionalString(6),
            createdAt: date(row.int64(7)), updatedAt: date(row.int64(8)),
            limits: limits(row, from: 9))
    }

    /// Every certificate, or the one with `fingerprint` (an indexed lookup: the handshake check).
    static func certificates(_ database: SQLiteDatabase, fingerprint: String?) throws(KeyStoreError)
        -> [CertificateRecord]
    {
        // Two statements rather than `?1 IS NULL OR …`, which would keep the planner off the index.
        let filter = fingerprint == nil ? "" : "WHERE c.fingerprint = ?"
        let statement = try database.statement(
            """
            SELECT c.id, c.adapter_id, i.name, a.name, c.name, c.fingerprint, c.subject, c.not_before, c.not_after, c.der
            FROM certificates c JOIN adapters a ON a.id = c.adapter_id JOIN instances i ON i.id = a.instance_id
            \(filter) ORDER BY i.name, a.name, c.name
            """)
        defer { statement.reset() }
        if let fingerprint { statement.bind(1, fingerprint) }
        var result: [CertificateRecord] = []
        while try statement.step() {
            result.append(
                CertificateRecord(
                    id: statement.int64(0), adapterID: statement.int64(1), instance: statement.string(2),
                    adapter: statement.string(3), name: statement.string(4), fingerprint: statement.string(5),
                    subject: statement.string(6), notValidBefore: date(statement.int64(7)),
                    notValidAfter: date(statement.int64(8)), der: statement.blob(9)))
        }
        return result
    }

    public func objectCounts() throws -> ObjectCounts {
        try readers.read { database throws(KeyStoreError) -> ObjectCounts in
            let statement = try database.statement(
                """
                SELECT i.name, a.name, r.name, c.n FROM
                    (SELECT adapter_id, root_key_id, count(*) AS n FROM objects GROUP BY adapter_id, root_key_id) c
                JOIN adapters a ON a.id = c.adapter_id JOIN instances i ON i.id = a.instance_id
                JOIN root_keys r ON r.id = c.root_key_id
                """)
            defer { statement.reset() }
            var counts = ObjectCounts(byAdapter: [:], byRootKey: [:], byRootKeyAndAdapter: [:])
            while try statement.step() {
                let instance = statement.string(0)
                let adapter = QualifiedName(instance: instance, name: statement.string(1))
                let rootKey = QualifiedName(instance: instance, name: statement.string(2))
                let count = Int(statement.int64(3))
                counts.byAdapter[adapter, default: 0] += count
                counts.byRootKey[rootKey, default: 0] += count
                counts.byRootKeyAndAdapter[rootKey, default: [:]][adapter.name, default: 0] += count
            }
            return counts
        }
    }

    /// The quotas in columns `first ..< first + 3`; a NULL column (a store migrated from
    /// version 1, or an adapter the configuration set no limit for) is the default.
    static func limits(_ row: SQLiteStatement, from first: Int32) -> AdapterLimits {
        let defaults = AdapterLimits.default
        return AdapterLimits(
            maximumObjects: row.optionalInt64(first).map { Int($0) } ?? defaults.maximumObjects,
            maximumAttributesPerObject: row.optionalInt64(first + 1).map { Int($0) } ?? defaults.maximumAttributesPerObject,
            maximumAttributeBytes: row.optionalInt64(first + 2).map { Int($0) } ?? defaults.maximumAttributeBytes)
    }

    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    // MARK: Applying

    public func apply(_ changes: [ConfigurationChange], conditions: ApplyConditions) async throws -> ApplyResult {
        if changes.isEmpty {
            return ApplyResult(generation: try generation(), deletedObjects: 0)
        }
        // Certificates are parsed and root keys generated before the transaction: the writer
        // queue does only database work.
        var prepared: [PreparedChange] = []
        for change in changes {
            prepared.append(try PreparedChange(change))
        }
        let work = prepared
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

    /// A change with its expensive parts (certificate parsing, key generation) done.
    struct PreparedChange: Sendable {
        var change: ConfigurationChange
        /// A new root key, kept as a `SymmetricKey` (which zeroes its storage) until sealed.
        var rootKey: SymmetricKey?
        var certificate: (fingerprint: String, subject: String, notBefore: Int64, notAfter: Int64)?

        var shreds: Bool {
            switch change {
            case .deleteRootKey, .deleteInstance: true
            default: false
            }
        }

        init(_ change: ConfigurationChange) throws(KeyStoreError) {
            self.change = change
            switch change {
            case .createRootKey:
                rootKey = SymmetricKey(size: .bits256)
            case .addCertificate(_, _, let name, let der):
                let parsed: Certificate
                do {
                    parsed = try Certificate(derEncoded: der)
                } catch {
                    throw KeyStoreError(.invalidCertificate, "certificate \(name) is not a valid X.509 certificate")
                }
                certificate = (
                    SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined(),
                    parsed.subject.description,
                    Int64(parsed.notValidBefore.timeIntervalSince1970),
                    Int64(parsed.notValidAfter.timeIntervalSince1970)
                )
            default:
                break
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
        case .addCertificate(let instanceName, let adapterName, let name, let der):
            let instance = try instanceID(instanceName, database)
            let adapter = try adapterID(instance, adapterName, database)
            guard let certificate = prepared.certificate else { return 0 }
            let insert = try database.statement(
                """
                INSERT INTO certificates (adapter_id, name, fingerprint, subject, not_before, not_after, der, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(1, adapter)
            insert.bind(2, name)
            insert.bind(3, certificate.fingerprint)
            insert.bind(4, certificate.subject)
            insert.bind(5, certificate.notBefore)
            insert.bind(6, certificate.notAfter)
            insert.bind(7, der)
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
