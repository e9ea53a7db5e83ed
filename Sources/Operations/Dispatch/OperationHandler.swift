import KMIP
import TTLV

/// One KMIP operation: a typed request in, a typed response out, failures as KMIP results.
///
/// A handler lives in a file of its own under `Operations/` and is registered by one line in
/// ``OperationRegistry/standard``; that line is all it takes for the server to decode its
/// request payload, run it, and list it in Query's answer to every protocol version that
/// defines its operation (``KMIP/Operation/since``).
protocol OperationHandler: Sendable {
    associatedtype Request: KMIPRequestPayload
    associatedtype Response: KMIPResponsePayload

    static func run(
        _ request: Request, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> Response

    /// Decodes a Request Payload item, runs the operation, and encodes its response. A
    /// requirement, with the one implementation below, so that each handler's witness is
    /// specialised for its own payload types.
    static func answer(
        _ payload: TTLVItem, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> TTLVItem
}

extension OperationHandler {
    /// The operation this handler performs.
    static var operation: KMIP.Operation { Request.operation }

    /// Decodes `payload` (a Request Payload item), runs the operation, and encodes its response
    /// for the request's version.
    ///
    /// The registry calls this through the handler's metatype, so the request and response stay
    /// concrete values here: nothing is boxed per request.
    static func answer(
        _ payload: TTLVItem, in environment: OperationEnvironment, batch: inout BatchState
    ) async throws(OperationError) -> TTLVItem {
        let request: Request
        do {
            request = try Request(ttlv: payload)
        } catch let error as KMIPDecodingError {
            throw OperationError(error.resultReason, "the \(operation) payload is invalid: \(error.reason)")
        } catch {
            throw OperationError(.invalidField, "the \(operation) payload is invalid")
        }
        return try await run(request, in: environment, batch: &batch).ttlv(version: environment.version)
    }
}
