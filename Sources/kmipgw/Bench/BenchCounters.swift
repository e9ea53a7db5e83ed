import Synchronization

/// Counters every `kmipgw bench load` worker updates, read once a second for live progress.
final class BenchCounters: Sendable {
    /// Requests answered with Success in every batch item.
    let completed = Atomic<Int>(0)
    /// Requests that failed: a Result Reason or a transport error.
    let errors = Atomic<Int>(0)
    /// Requests started, for `--requests`.
    let issued = Atomic<Int>(0)
}
