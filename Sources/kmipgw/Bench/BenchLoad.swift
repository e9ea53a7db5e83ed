import ArgumentParser
import Foundation
import Histogram
import KMIP
import KMIPClient
import NIOPosix
import Synchronization
import TTLV

/// `kmipgw bench load` (the default of `kmipgw bench`): a closed-loop KMIP load generator in the
/// spirit of redis-benchmark and pgbench.
///
/// Each of `--connections` workers sends one request, waits for its response, checks that every
/// batch item succeeded and records the latency in an HDR histogram, then sends the next. A
/// response that is not Success for every batch item, or a transport failure, counts as an error
/// by its Result Reason (or transport error kind), never as throughput. The generator's own CPU
/// per request (getrusage) is printed beside every figure so that a reader can see it is not the
/// bottleneck.
struct BenchLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load a KMIP server: throughput, latency percentiles and errors by Result Reason."
    )

    @OptionGroup var target: ClientOptions

    @Option(help: "The workload: get, create, locate, query, handshake, vcenter or mixed.")
    var op: BenchWorkload.Kind = .get

    @Option(help: "Concurrent connections (workers), each with one request in flight.")
    var connections = 1

    @Option(help: "Seconds to run (the default unless --requests is given).")
    var duration: Double?

    @Option(help: "Requests to send in all, instead of --duration.")
    var requests: Int?

    @Option(help: ArgumentHelp(
        "With --op locate: ask for keys named fill-0 … fill-<N-1> at random (as kmipgw bench fill makes them).",
        valueName: "N"))
    var locateAmong: Int?

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var output: BenchCodec.OutputFormat = .text

    func validate() throws {
        guard connections >= 1 else { throw ValidationError("--connections must be at least 1") }
        if duration != nil && requests != nil { throw ValidationError("give --duration or --requests, not both") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
        if let requests, requests < 1 { throw ValidationError("--requests must be at least 1") }
        if let locateAmong {
            guard op == .locate else { throw ValidationError("--locate-among goes with --op locate") }
            guard locateAmong >= 1 else { throw ValidationError("--locate-among must be at least 1") }
        }
    }

    func run() async throws {
        let configuration = try target.configuration()
        // One client and one task executor per event loop: worker i runs on loop i mod n, where
        // its connections live too.
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        let executors = loops.map(BenchEventLoopExecutor.init)
        let clients = try loops.map { try KMIPClient(configuration: configuration, eventLoopGroup: $0) }

        let prepared: BenchWorkload
        do {
            prepared = try await BenchWorkload.prepare(op, client: clients[0])
        } catch {
            throw CommandFailure("cannot prepare the \(op) workload against \(target.host):\(target.port): \(error)")
        }
        let limit: BenchLimit = requests.map { .requests($0) } ?? .duration(duration ?? 10)
        let counters = BenchCounters()
        let clock = ContinuousClock()

        // Persistent workloads connect before the clock starts: the handshakes are not measured.
        var workload = prepared
        workload.locateAmong = locateAmong
        let workloads = clients.map { workload.on($0) }
        var opened: [BenchWorkload.Session] = []
        for index in 0..<connections {
            opened.append(try await workloads[index % workloads.count].openSession())
        }
        let sessions = opened

        let cpuBefore = BenchReport.processCPUTime()
        let start = clock.now
        let progress = Task {
            var last = 0
            var seconds = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                if Task.isCancelled { break }
                seconds += 1
                let done = counters.completed.load(ordering: .relaxed)
                let errors = counters.errors.load(ordering: .relaxed)
                let line = "\(seconds)s: \(done - last) req/s, \(done) done, \(errors) errors, mean \(done / seconds) req/s\n"
                FileHandle.standardError.write(Data(line.utf8))
                last = done
            }
        }
        let deadline: ContinuousClock.Instant? = if case .duration(let seconds) = limit { start + .seconds(seconds) } else { nil }
        let results = await withTaskGroup(of: BenchWorkerResult.self) { group in
            for (index, session) in sessions.enumerated() {
                let workload = workloads[index % workloads.count]
                group.addTask(executorPreference: executors[index % executors.count]) {
                    await workload.drive(session, until: deadline, limit: limit, counters: counters)
                }
            }
            var all: [BenchWorkerResult] = []
            for await result in group { all.append(result) }
            return all
        }
        let elapsed = start.duration(to: clock.now)
        let cpuAfter = BenchReport.processCPUTime()
        progress.cancel()

        let report = BenchReport(
            server: "\(target.host):\(target.port)", op: op.rawValue, connections: connections,
            elapsed: elapsed, cpuSeconds: cpuAfter - cpuBefore, results: results
        )
        switch output {
        case .json: print(try report.json())
        case .text: print(report.text())
        }
    }
}

/// How long a `kmipgw bench load` run lasts.
enum BenchLimit: Sendable {
    case duration(Double)
    case requests(Int)
}
