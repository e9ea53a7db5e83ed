import Foundation
import KMIP
import KMIPClient
import TTLV
import TestSupport
import Testing

/// The OASIS test cases kmipgw answers exactly like the reference server, replayed over real
/// mutual TLS through the whole gateway: each file on a connection of its own, as a conformance
/// harness would send it. (`OperationsTests/OASISReplayTests` has every case, divergences included.)
@Suite struct OASISOverTLSTests {
    @Test func theSymmetricKeyCasesPassOverMutualTLS() async throws {
        let stack = try await GatewayStackTests.Stack.make()
        try await stack.run { port in
            var replay = OASISReplay()
            let names = [
                "SKLC-M-1-14.xml", "SKLC-M-2-14.xml", "SKLC-M-3-14.xml", "SKFF-M-1-14.xml", "SKFF-M-5-14.xml", "SKFF-M-6-14.xml", "SKFF-M-7-14.xml",
                "SASED-M-1-14.xml", "AX-M-1-14.xml", "AX-M-2-14.xml",
            ]
            for name in names {
                let connection = try await stack.client(stack.alice, port: port).connect()
                let steps = try await replay.run(OASISReplay.vectorDirectory.appendingPathComponent(name)) { bytes in
                    try await connection.sendRaw(bytes)
                }
                await connection.close()
                #expect(steps.count >= 1, "\(name) has no requests")
                for step in steps {
                    for difference in step.differences {
                        Issue.record("\(name) step \(step.index) (\(step.operations.joined(separator: "+"))): \(difference)")
                    }
                }
            }
        }
    }
}
