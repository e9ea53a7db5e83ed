import Foundation
import Histogram
import Reconciler
#if canImport(Glibc)
import Glibc
#endif

/// The result of one `kmipgw bench load` run, as text or as one JSON object.
struct BenchReport: Encodable {
    /// Latency percentiles of successful requests, in microseconds.
    struct Latency: Encodable {
        let p50: UInt64
        let p90: UInt64
        let p99: UInt64
        let p99_9: UInt64
        let max: UInt64
        let mean: Double
    }

    let server: String
    let op: String
    let connections: Int
    let seconds: Double
    /// Successful requests.
    let requests: Int
    let errors: Int
    let requestsPerSecond: Double
    let latencyMicroseconds: Latency
    let errorsByReason: [String: Int]
    /// The load generator's own CPU (user + system) per request sent, in microseconds.
    let clientCPUMicrosecondsPerRequest: Double
    /// The load generator's CPU over the run, in cores (1.0 = one core busy).
    let clientCPUCores: Double

    init(server: String, op: String, connections: Int, elapsed: Duration, cpuSeconds: Double, results: [BenchWorkerResult]) {
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var errorsByReason: [String: Int] = [:]
        var requests = 0
        for result in results {
            histogram.add(result.latency)
            requests += result.completed
            errorsByReason.merge(result.errors, uniquingKeysWith: +)
        }
        let (wholeSeconds, attoseconds) = elapsed.components
        let seconds = Double(wholeSeconds) + Double(attoseconds) / 1e18
        let errors = errorsByReason.values.reduce(0, +)
        self.server = server
        self.op = op
        self.connections = connections
        self.seconds = seconds
        self.requests = requests
        self.errors = errors
        self.requestsPerSecond = seconds > 0 ? Double(requests) / seconds : 0
        let empty = histogram.totalCount == 0
        self.latencyMicroseconds = Latency(
            p50: empty ? 0 : histogram.valueAtPercentile(50), p90: empty ? 0 : histogram.valueAtPercentile(90),
            p99: empty ? 0 : histogram.valueAtPercentile(99), p99_9: empty ? 0 : histogram.valueAtPercentile(99.9),
            max: empty ? 0 : histogram.max, mean: empty ? 0 : histogram.mean
        )
        self.errorsByReason = errorsByReason
        self.clientCPUMicrosecondsPerRequest = requests + errors > 0 ? cpuSeconds * 1e6 / Double(requests + errors) : 0
        self.clientCPUCores = seconds > 0 ? cpuSeconds / seconds : 0
    }

    /// One JSON object, keys sorted.
    func json() throws -> String {
        try JSONOutput.line(self)
    }

    /// A short human summary.
    func text() -> String {
        let latency = latencyMicroseconds
        var lines = [
            "kmipgw bench: \(op) against \(server), \(connections) connection\(connections == 1 ? "" : "s"), \(String(format: "%.1f", seconds)) s",
            "  throughput      \(String(format: "%.0f", requestsPerSecond)) requests/s (\(requests) succeeded, \(errors) errors)",
            "  latency (µs)    p50 \(latency.p50)  p90 \(latency.p90)  p99 \(latency.p99)  p99.9 \(latency.p99_9)  max \(latency.max)",
            "  load generator  \(String(format: "%.1f", clientCPUMicrosecondsPerRequest)) µs CPU per request (\(String(format: "%.2f", clientCPUCores)) cores)",
        ]
        for (reason, count) in errorsByReason.sorted(by: { $0.value > $1.value }) {
            lines.append("  error           \(reason): \(count)")
        }
        return lines.joined(separator: "\n")
    }

    /// User plus system CPU seconds this process has used so far.
    static func processCPUTime() -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
