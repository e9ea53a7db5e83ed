import NIOCore
import NIOTLS

/// Matches whole response frames to the requests written before them, in order (so requests
/// may be pipelined), and owns the per-request timeout and the handshake signal.
///
/// Everything runs on the channel's event loop: a request costs one promise and one timer.
final class KMIPResponseHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = KMIPResponseHandler.Request
    typealias OutboundOut = ByteBuffer

    /// One request on its way out, with the promise its response completes.
    struct Request: Sendable {
        var bytes: ByteBuffer
        var response: EventLoopPromise<ByteBuffer>
    }

    enum State {
        case handshaking
        case ready
        case failed(KMIPClientError)
    }

    private var state: State = .handshaking
    private var pending = CircularBuffer<(promise: EventLoopPromise<ByteBuffer>, timer: Scheduled<Void>)>()
    private let handshake: EventLoopPromise<Void>
    private let requestTimeout: TimeAmount

    init(handshake: EventLoopPromise<Void>, requestTimeout: TimeAmount) {
        self.handshake = handshake
        self.requestTimeout = requestTimeout
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent, case .handshaking = state {
            state = .ready
            handshake.succeed(())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard let next = pending.popFirst() else {
            fail(context: context, KMIPClientError(code: .invalidResponse, reason: "a response arrived with no request outstanding"))
            return
        }
        next.timer.cancel()
        next.promise.succeed(frame)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if case .failed(let error) = state {
            request.response.fail(error)
            promise?.fail(error)
            return
        }
        let timeout = requestTimeout
        let timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            fail(context: context, KMIPClientError(code: .timeout, reason: "no response within \(timeout)"))
        }
        pending.append((request.response, timer))
        context.write(wrapOutboundOut(request.bytes), promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let code: KMIPClientError.Code
        if case .handshaking = state { code = .handshakeFailed } else { code = .connectionClosed }
        fail(context: context, (error as? KMIPClientError) ?? KMIPClientError(code: code, reason: "\(error)"))
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .handshaking = state {
            failAll(KMIPClientError(code: .handshakeFailed, reason: "the server closed the connection during the handshake"))
        } else {
            failAll(KMIPClientError(code: .connectionClosed, reason: "the server closed the connection"))
        }
        context.fireChannelInactive()
    }

    /// A channel that never became active (refused TCP connect) still completes every promise.
    func handlerRemoved(context: ChannelHandlerContext) {
        failAll(KMIPClientError(code: .connectionClosed, reason: "the connection was closed"))
    }

    private func fail(context: ChannelHandlerContext, _ error: KMIPClientError) {
        failAll(error)
        context.close(promise: nil)
    }

    private func failAll(_ error: KMIPClientError) {
        if case .failed = state { return }
        if case .handshaking = state { handshake.fail(error) }
        state = .failed(error)
        while let next = pending.popFirst() {
            next.timer.cancel()
            next.promise.fail(error)
        }
    }
}
