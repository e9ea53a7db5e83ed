import KMIP
import NIOCore
import NIOTLS
import TTLV

/// Sits between ``KMIPRequestDecoder`` and the request loop: owns every connection timer and
/// the drain on shutdown, as swift-nio's `HTTPServerPipelineHandler` and `IdleStateHandler` do
/// for HTTP. The decoder cuts the bytes into requests; this decides when the connection ends.
///
/// Timers live here, not in the async loop, because only the pipeline knows both directions:
/// a connection is *idle* when no byte of a request is buffered and every request has been
/// answered; it is *reading* from the first byte of a message until the message is whole.
/// While a request is being handled no timer runs, so a slow store never trips a timeout.
final class KMIPConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = KMIPRequestPart
    typealias InboundOut = KMIPInboundFrame
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// How long a connection may take over each phase.
    struct Timeouts: Sendable, Hashable {
        var handshake: TimeAmount
        var idle: TimeAmount
        var read: TimeAmount
    }

    enum State: Hashable {
        /// TLS has not finished; only the handshake timer runs.
        case handshaking
        /// Serving; `outstanding` requests were handed on and not yet answered.
        case open(outstanding: Int)
        /// Shutting down or refusing: answer the `outstanding` requests, then close. Input is ignored.
        case draining(outstanding: Int)
        case closed
    }

    enum Timer: Hashable {
        case handshake, idle, read
    }

    private let timeouts: Timeouts
    private(set) var state: State = .handshaking
    /// Whether a message has begun and is not whole yet (the decoder holds its first bytes).
    private var reading = false
    /// The timer that runs now and when it expires; `nil` while a request is being handled.
    private var deadline: (kind: Timer, at: NIODeadline)?
    /// The wake-up scheduled on the event loop. It may be earlier or later than `deadline`: a
    /// wake-up that comes early re-arms itself, so a busy connection does not schedule and
    /// cancel a task for every request (a profile under Get load showed that at 3% of the
    /// server's CPU).
    private var wakeUp: (at: NIODeadline, task: Scheduled<Void>)?

    init(timeouts: Timeouts) {
        self.timeouts = timeouts
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(.handshake, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(.handshake, context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        state = .closed
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent, state == .handshaking {
            state = .open(outstanding: 0)
            context.fireChannelRead(wrapInboundOut(.established))
            updateTimer(context: context)
        } else if event is ChannelShouldQuiesceEvent {
            quiesce(context: context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .open(let outstanding) = state else { return }  // draining or closed: the rest is dropped
        switch unwrapInboundIn(data) {
        case .messageBegun:
            reading = true
        case .request(let frame):
            reading = false
            state = .open(outstanding: outstanding + 1)
            context.fireChannelRead(wrapInboundOut(.request(frame)))
        case .oversized(let version, let announcedLength):
            // The loop answers Invalid Message; the connection closes once that answer is written.
            reading = false
            state = .draining(outstanding: outstanding + 1)
            context.fireChannelRead(wrapInboundOut(.oversized(version: version, announcedLength: announcedLength)))
        case .notKMIP(let tag, let typeByte):
            // Not KMIP gets no answer: the connection closes.
            fail(context: context, KMIPServerError(
                code: .notKMIP, reason: "stream does not start with a Request Message (tag \(tag), type \(typeByte))"))
            return
        }
        updateTimer(context: context)
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch state {
        case .open(let outstanding):
            state = .open(outstanding: max(0, outstanding - 1))
            context.write(data, promise: promise)
            updateTimer(context: context)
        case .draining(let outstanding):
            let remaining = max(0, outstanding - 1)
            state = .draining(outstanding: remaining)
            guard remaining == 0 else {
                context.write(data, promise: promise)
                return
            }
            // The last answer: close once it is on the wire, not before, so the client reads it.
            let written = promise ?? context.eventLoop.makePromise()
            context.writeAndFlush(data, promise: written)
            written.futureResult.assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case .handshaking, .closed:
            context.write(data, promise: promise)
        }
    }

    // MARK: Drain and timers

    private func quiesce(context: ChannelHandlerContext) {
        switch state {
        case .handshaking, .open(outstanding: 0):
            state = .draining(outstanding: 0)
            disarm()
            context.close(promise: nil)
        case .open(let outstanding):
            state = .draining(outstanding: outstanding)
            disarm()
        case .draining, .closed:
            break
        }
    }

    private func fail(context: ChannelHandlerContext, _ error: any Error) {
        state = .draining(outstanding: 0)
        reading = false
        disarm()
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }

    private func updateTimer(context: ChannelHandlerContext) {
        guard case .open(let outstanding) = state else {
            disarm()
            return
        }
        if reading {
            // The read timer measures one message from its first byte: do not restart it.
            if deadline?.kind != .read { arm(.read, context: context) }
        } else if outstanding == 0 {
            if deadline?.kind != .idle { arm(.idle, context: context) }
        } else {
            deadline = nil
        }
    }

    private func arm(_ kind: Timer, context: ChannelHandlerContext) {
        let at = context.eventLoop.now + timeout(of: kind).delay
        deadline = (kind, at)
        // A wake-up already due no later than this one re-arms itself when it comes.
        if let wakeUp, wakeUp.at <= at { return }
        schedule(at: at, context: context)
    }

    private func schedule(at: NIODeadline, context: ChannelHandlerContext) {
        wakeUp?.task.cancel()
        let task = context.eventLoop.assumeIsolated().scheduleTask(deadline: at) { [self] in
            wakeUp = nil
            guard state != .closed, let deadline else { return }
            guard deadline.at <= context.eventLoop.now else {
                schedule(at: deadline.at, context: context)
                return
            }
            self.deadline = nil
            let (delay, code) = timeout(of: deadline.kind)
            let what = deadline.kind == .read ? "complete message" : "activity"
            fail(context: context, KMIPServerError(code: code, reason: "no \(what) for \(delay)"))
        }
        wakeUp = (at, task)
    }

    /// How long a timer runs, and the error it ends the connection with.
    private func timeout(of kind: Timer) -> (delay: TimeAmount, code: KMIPServerError.Code) {
        switch kind {
        case .handshake: (timeouts.handshake, .handshakeTimeout)
        case .idle: (timeouts.idle, .idleTimeout)
        case .read: (timeouts.read, .readTimeout)
        }
    }

    /// Stops every timer, the scheduled wake-up included (closing, draining, removed).
    private func disarm() {
        deadline = nil
        wakeUp?.task.cancel()
        wakeUp = nil
    }
}
