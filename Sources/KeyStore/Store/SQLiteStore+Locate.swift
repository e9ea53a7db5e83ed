import Foundation
import KMIP
import TTLV

/// Locate: the blind index first, then the clear lifecycle columns, each listed row checked.
extension SQLiteStore {
    /// ``ObjectRow/columns`` of the `o` alias Locate reads objects under.
    static let qualifiedObjectColumns = ObjectRow.columns.split(separator: ",")
        .map { "o." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    /// The effective state in SQL, mirroring ``ObjectLifecycle/effectiveState(at:)``.
    static let effectiveStateSQL = """
        (CASE WHEN o.state = 1 AND o.activation_date <= ?1 \
        THEN (CASE WHEN o.deactivation_date <= ?1 THEN 3 ELSE 2 END) \
        WHEN o.state = 2 AND o.deactivation_date <= ?1 THEN 3 ELSE o.state END)
        """

    public func locate(_ query: LocateQuery, adapterID: Int64) throws -> [String] {
        enum Value { case integer(Int64), text(String), blob([UInt8]) }
        // ?1 is now, ?2 the adapter: numbered so the SQL text reuses them.
        var values: [Value] = [.integer(clock.seconds()), .integer(adapterID)]
        var conditions: [String] = ["o.adapter_id = ?2"]
        func add(_ condition: String, _ bound: Value...) {
            // Each # becomes the number of the next bound value.
            var text = ""
            var pending = bound.makeIterator()
            for character in condition {
                if character == "#", let value = pending.next() {
                    values.append(value)
                    text += "?\(values.count)"
                } else {
                    text.append(character)
                }
            }
            conditions.append(text)
        }
        if query.matchesNothing { return [] }
        var tags: [[UInt8]] = []
        for attribute in query.attributes {
            guard let tag = blindIndex.tag(adapterID: adapterID, attribute: attribute) else {
                throw KeyStoreError(.invalidAttribute, "Locate cannot match on \(attribute.name)")
            }
            tags.append(tag)
        }
        var from = "objects o"
        var order = "o.id"
        if let first = tags.first {
            // Start from the blind index: the planner then reads only the matching rows.
            values.append(.blob(first))
            from = "object_index i CROSS JOIN objects o ON o.id = i.object_id"
            conditions.append("i.adapter_id = ?2 AND i.tag = ?\(values.count)")
            order = "i.object_id"
            for tag in tags.dropFirst() {
                add("EXISTS (SELECT 1 FROM object_index j WHERE j.adapter_id = ?2 AND j.tag = # AND j.object_id = o.id)", .blob(tag))
            }
        }
        if let uniqueIdentifier = query.uniqueIdentifier { add("o.uid = #", .text(uniqueIdentifier)) }
        if let objectType = query.objectType { add("o.object_type = #", .integer(Int64(objectType.rawValue))) }
        if let algorithm = query.cryptographicAlgorithm { add("o.algorithm = #", .integer(Int64(algorithm.rawValue))) }
        if let length = query.cryptographicLength { add("o.length = #", .integer(Int64(length))) }
        if let mask = query.usageMaskContains {
            add("(o.usage_mask & #) = #", .integer(Int64(mask.rawValue)), .integer(Int64(mask.rawValue)))
        }
        if let states = query.states {
            if states.isEmpty { return [] }
            let list = states.map { String($0.rawValue) }.sorted().joined(separator: ", ")
            conditions.append("\(Self.effectiveStateSQL) IN (\(list))")
        }
        for (field, range) in query.dateRanges {
            add("o.\(field.rawValue) BETWEEN # AND #", .integer(range.lowerBound), .integer(range.upperBound))
        }
        values.append(.integer(query.maximumItems.map(Int64.init) ?? -1))
        let limit = values.count
        values.append(.integer(Int64(max(0, query.offset))))
        // The whole row, so that its tag is checked: a row changed outside kmipgw (moved into this
        // adapter, given another state) is never listed.
        let sql = "SELECT \(Self.qualifiedObjectColumns), o.mac FROM \(from) WHERE \(conditions.joined(separator: " AND ")) "
            + "ORDER BY \(order) LIMIT ?\(limit) OFFSET ?\(limit + 1)"
        let bound = values
        return try readers.read { database throws(KeyStoreError) -> [String] in
            let statement = try database.statement(sql)
            defer { statement.reset() }
            for (index, value) in bound.enumerated() {
                switch value {
                case .integer(let number): statement.bind(Int32(index + 1), number)
                case .text(let text): statement.bind(Int32(index + 1), text)
                case .blob(let bytes): statement.bind(Int32(index + 1), bytes)
                }
            }
            var result: [String] = []
            while try statement.step() {
                do throws(KeyStoreError) {
                    try self.verify(.objects, statement)
                    result.append(statement.string(1))
                } catch {
                    // Logged by verify as tampering; the other matches are still listed.
                    continue
                }
            }
            return result
        }
    }
}
