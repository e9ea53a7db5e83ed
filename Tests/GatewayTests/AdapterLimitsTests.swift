import Foundation
import Gateway
import KMIP
import KMIPClient
import KeyStore
import Logging
import TTLV
import TestSupport
import Testing

/// An adapter's `limits:` from the configuration reach the requests of its clients, and a
/// reload brings changed limits in without a restart.
@Suite struct AdapterLimitsTests {
    @Test func eachAdapterIsHeldToItsOwnLimitsAndAReloadChangesThem() async throws {
        let stack = try await GatewayStackTests.Stack.make()
        let reload = stack.gateway.reload
        _ = try await stack.store.apply([
            .updateAdapter(
                instance: "prod", name: "alice-vc", description: nil, rootKey: "root-a",
                limits: AdapterLimits(maximumObjects: 2, maximumAttributeBytes: 256))
        ])
        _ = reload.reload(after: 0)
        let long = Attribute(name: "x-Note", value: .textString(String(repeating: "n", count: 400)))
        try await stack.run { port in
            try await stack.client(stack.alice, port: port).withConnection { connection in
                let id = try await connection.createSymmetricKey(name: "a1")
                await #expect(throws: KMIPClientError.self) { _ = try await connection.addAttribute(id, long) }
                _ = try await connection.createSymmetricKey(name: "a2")
                do {
                    _ = try await connection.createSymmetricKey(name: "a3")
                    Issue.record("a third object passed a quota of 2")
                } catch let error as KMIPClientError {
                    #expect("\(error)".contains("PermissionDenied"), "\(error)")
                    #expect("\(error)".contains("maximum of 2 objects"), "\(error)")
                }
            }
            // Bob's adapter keeps the defaults.
            try await stack.client(stack.bob, port: port).withConnection { connection in
                let id = try await connection.createSymmetricKey(name: "b1")
                _ = try await connection.addAttribute(id, long)
            }
            _ = try await stack.store.apply([
                .updateAdapter(
                    instance: "prod", name: "alice-vc", description: nil, rootKey: "root-a",
                    limits: AdapterLimits(maximumObjects: 3))
            ])
            _ = reload.reload(after: 1)
            try await stack.client(stack.alice, port: port).withConnection { connection in
                let id = try await connection.createSymmetricKey(name: "a3")
                _ = try await connection.addAttribute(id, long)
            }
        }
    }
}
