import NIOCore

/// A task executor that runs jobs on one NIO event loop.
///
/// A `kmipgw bench load` worker prefers the event loop its connection lives on, so the response
/// promise completes and the worker continues on the same thread: no wake-up of another thread
/// per request, which otherwise costs the load generator more CPU than the requests themselves.
final class BenchEventLoopExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
