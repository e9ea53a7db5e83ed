import Histogram
import Synchronization

/// What one `kmipgw bench load` worker measured: latencies of successful requests (µs, HDR
/// histogram) and errors by Result Reason or transport error kind.
struct BenchWorkerResult: Sendable {
    /// Up to 60 s per request, three significant digits.
    var latency = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    var completed = 0
    var errors: [String: Int] = [:]

    /// Records one answered request; an error never counts as throughput.
    mutating func record(_ outcome: BenchWorkload.Outcome, latency duration: Duration, counters: BenchCounters) {
        switch outcome {
        case .success:
            let (seconds, attoseconds) = duration.components
            let microseconds = max(1, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
            _ = latency.record(UInt64(min(microseconds, 60_000_000)))
            completed += 1
            counters.completed.add(1, ordering: .relaxed)
        case .failure(let reason):
            errors[reason, default: 0] += 1
            counters.errors.add(1, ordering: .relaxed)
        }
    }
}
