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
}
