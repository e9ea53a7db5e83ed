import KMIP
import TTLV
import KeyStore

/// Locate: the identifiers of this adapter's objects that match every attribute given, oldest
/// first, after Offset Items and at most Maximum Items (bounded by the server's ``ServerPolicy``). Destroyed objects are not in online
/// storage, so they are found only when the request asks for a destroyed State explicitly.
enum LocateOperation: OperationHandler {
    static let liveStates: Set<State> = [.preActive, .active, .deactivated, .compromised]

    static func run(
        _ request: LocateRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> LocateResponse {
        if let mask = request.storageStatusMask, !mask.contains(.onlineStorage) {
            // Nothing is archived: a search of archival storage only finds nothing.
            return LocateResponse(locatedItems: 0, uniqueIdentifiers: [])
        }
        var query: LocateQuery
        do {
            query = try LocateQuery(
                matching: request.attributes, offset: Int(request.offsetItems ?? 0), maximumItems: maximumItems(request, environment.policy))
        } catch {
            throw environment.failure(error, objectIdentifier: nil)
        }
        if query.states == nil { query.states = liveStates }
        let page = query
        let identifiers = try await environment.store(nil) { store in
            try store.locate(page, adapterID: environment.adapter.adapterID)
        }
        var located: Int32? = nil
        if environment.version >= .v1_3 {
            if page.offset == 0, page.maximumItems.map({ identifiers.count < $0 }) ?? true {
                located = Int32(identifiers.count)
            } else {
                var all = page
                all.offset = 0
                all.maximumItems = nil
                let everything = all
                located = Int32(clamping: try await environment.store(nil) { store in
                    try store.locate(everything, adapterID: environment.adapter.adapterID).count
                })
            }
        }
        if let first = identifiers.first { batch.idPlaceholder = first }
        batch.objectIdentifier = identifiers.count == 1 ? identifiers.first : nil
        return LocateResponse(locatedItems: located, uniqueIdentifiers: identifiers)
    }

    /// The page size: the request's Maximum Items, or the server's default without one, never
    /// above the server's maximum. Located Items still counts every match.
    static func maximumItems(_ request: LocateRequest, _ policy: ServerPolicy) -> Int {
        min(request.maximumItems.map(Int.init) ?? policy.defaultLocateItems, policy.maximumLocateItems)
    }
}
