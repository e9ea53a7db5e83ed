import Foundation
import KMIPServer
import KeyStore
import Logging
import NIOCore
import Operations

/// Answers each request of an authenticated connection with the Operations layer, for the
/// adapter the connection's certificate is bound to, and writes one audit line per batch item.
public struct GatewayHandler: KMIPRequestHandler {
    let processor: RequestProcessor
    let audit: AuditLog

    public init(processor: RequestProcessor, audit: AuditLog) {
        self.processor = processor
        self.audit = audit
    }

    public func handle(_ request: ByteBuffer, from client: ClientIdentity, peer: SocketAddress?) async -> ByteBuffer {
        let adapter = AdapterContext(adapterID: Int64(client.binding) ?? -1, instance: client.instance, adapter: client.adapter)
        let outcome = await processor.process(request, for: adapter)
        for event in outcome.events {
            audit.record(event, fingerprint: client.fingerprint, peer: peer)
        }
        return outcome.response
    }
}
