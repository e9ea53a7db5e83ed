import Foundation
import KMIP
import TTLV
import KeyStore

/// Revoke: Key Compromise or CA Compromise → Compromised (with the Compromise and Compromise
/// Occurrence Dates); any other reason → Deactivated.
enum RevokeOperation: OperationHandler {
    static func run(
        _ request: RevokeRequest, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> RevokeResponse {
        let identifier = try batch.identifier(request.uniqueIdentifier)
        batch.objectIdentifier = identifier
        let occurrence = request.compromiseOccurrenceDate.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        try await environment.store(identifier) { store in
            try await store.revoke(
                identifier, adapterID: environment.adapter.adapterID, reason: request.revocationReason,
                compromiseOccurrenceDate: occurrence)
        }
        return RevokeResponse(uniqueIdentifier: identifier)
    }
}
