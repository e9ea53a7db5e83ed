import Foundation
import KMIP
import KMIPServer
import KeyStore
import Logging
import Metrics
import NIOCore
import Operations

/// Answers each request of an authenticated connection with the Operations layer, for the
/// adapter the connection's certificate is bound to, and writes one audit line and counts one
/// request metric per batch item.
///
/// While the audit log cannot be written and its policy is ``AuditLog/FailurePolicy/refuse``,
/// every batch item is refused with General Failure without being run, and each refused message
/// counts in `kmipgw_audit_refused_requests_total`.
public struct GatewayHandler: KMIPRequestHandler {
    static let auditRefusal = OperationError(
        .generalFailure, "kmipgw cannot write its audit log and refuses requests until it can; the operator's log has details")

    let processor: RequestProcessor
    let audit: AuditLog
    let metrics: GatewayMetrics
    let adapters: AdapterDirectory

    /// - Parameters:
    ///   - processor: Runs each request against the store.
    ///   - audit: Receives one event per batch item.
    ///   - metricsFactory: Where `kmipgw_requests_total` and `kmipgw_request_duration_seconds`
    ///     are made; the bootstrapped `MetricsSystem` by default.
    ///   - adapters: Each adapter's quotas (kept current by the ``ReloadService``); the defaults
    ///     for every adapter when not given.
    public init(
        processor: RequestProcessor, audit: AuditLog, metricsFactory: any MetricsFactory = MetricsSystem.factory,
        adapters: AdapterDirectory = AdapterDirectory()
    ) {
        self.processor = processor
        self.audit = audit
        self.metrics = GatewayMetrics(factory: metricsFactory)
        self.adapters = adapters
    }

    public func handle(_ request: ByteBuffer, from client: ClientIdentity, peer: SocketAddress?) async -> ByteBuffer {
        let start = NIODeadline.now()
        let adapterID = client.binding.adapterID
        let adapter = AdapterContext(
            adapterID: adapterID, instance: client.instance, adapter: client.adapter, limits: adapters.limits(of: adapterID))
        let refused = audit.failurePolicy == .refuse && audit.isFailing
        if refused { metrics.auditRefusals.increment() }
        let outcome = await processor.process(request, for: adapter, refusal: refused ? Self.auditRefusal : nil)
        for event in outcome.events {
            audit.record(event, fingerprint: client.fingerprint, peer: peer)
            metrics.count(event)
        }
        // A message that cannot be read has no batch item to audit; count it anyway, so that
        // malformed traffic shows in the metrics.
        if outcome.events.isEmpty { metrics.countUnreadableMessage() }
        metrics.duration.recordNanoseconds((NIODeadline.now() - start).nanoseconds)
        return outcome.response
    }
}
