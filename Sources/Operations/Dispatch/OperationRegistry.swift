import KMIP
import TTLV

/// The operations this server performs, each registered once by its ``OperationHandler``, as
/// kmip-go's router maps an operation to its handler.
///
/// The one registry answers both questions, so they cannot disagree: which handler decodes and
/// runs a batch item's payload, and which operations Query reports. A batch item whose operation
/// is not registered fails with Operation Not Supported.
///
/// Query reports only what the request's protocol version defines (KMIP 1.0 has no Discover
/// Versions), but dispatch does not refuse a registered operation for the version its header
/// names: clients send Discover Versions in whatever version they start with, to learn which one
/// to speak, and the server has always answered it.
///
/// A request pays one dictionary lookup and a call through the handler's metatype: the registry
/// holds existential metatypes (`any OperationHandler.Type`), never payload values, so no request
/// or response is boxed on the way.
public struct OperationRegistry: Sendable {
    /// Every registered operation, in registration order (the order Query reports them).
    public let operations: [KMIP.Operation]
    private let handlers: [KMIP.Operation: any OperationHandler.Type]

    /// A registry of `handlers`, in the order given; an operation registered twice is a
    /// programming error.
    init(_ handlers: [any OperationHandler.Type]) {
        var table: [KMIP.Operation: any OperationHandler.Type] = [:]
        for handler in handlers {
            let operation = Self.operation(of: handler)
            precondition(table.updateValue(handler, forKey: operation) == nil, "\(operation) is registered twice")
        }
        self.operations = handlers.map { $0.operation }
        self.handlers = table
    }

    private static func operation<Handler: OperationHandler>(of handler: Handler.Type) -> KMIP.Operation {
        precondition(
            Handler.Request.operation == Handler.Response.operation,
            "\(Handler.self) pairs a \(Handler.Request.operation) request with a \(Handler.Response.operation) response")
        return Handler.operation
    }

    /// The registered operations that `version` defines, in registration order: what Query
    /// answers to a request of that version.
    public func operations(in version: ProtocolVersion) -> [KMIP.Operation] {
        operations.filter { $0.isDefined(in: version) }
    }

    /// The handler of `operation`.
    func handler(for operation: KMIP.Operation) throws(OperationError) -> any OperationHandler.Type {
        guard let handler = handlers[operation] else {
            throw OperationError(.operationNotSupported, "kmipgw does not perform \(operation)")
        }
        return handler
    }
}
