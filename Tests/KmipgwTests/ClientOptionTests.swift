import ArgumentParser
import Foundation
import Testing
import TestSupport

@testable import kmipgw

/// The options of `kmipgw client create` and `get` that shape the request.
@Suite struct ClientOptionTests {
    static let connection = ["--cert", "client.pem", "--key", "client.key"]

    @Test func createTakesUsageMaskBitsByTheirKMIPNames() throws {
        #expect(try ClientCreate.parse(Self.connection).usage == "Encrypt,Decrypt")
        #expect(throws: Never.self) { try ClientCreate.parse(Self.connection + ["--usage", "WrapKey, unwrapkey"]) }
        #expect(throws: (any Error).self) { try ClientCreate.parse(Self.connection + ["--usage", "Wrap"]) }
        #expect(throws: (any Error).self) { try ClientCreate.parse(Self.connection + ["--usage", ""]) }
    }

    @Test func getWrapsOnlyWhenAWrappingKeyIsNamed() throws {
        let plain = try ClientGet.parse(Self.connection + ["k-1"])
        #expect(plain.wrapWith == nil)
        let wrapped = try ClientGet.parse(Self.connection + ["k-1", "--wrap-with", "k-2", "--wrap-encoding", "none"])
        #expect(wrapped.wrapWith == "k-2")
        #expect(wrapped.wrapEncoding == ClientGet.WrapEncoding.none)
        #expect(throws: (any Error).self) { try ClientGet.parse(Self.connection + ["k-1", "--wrap-encoding", "ttlv"]) }
        #expect(throws: (any Error).self) { try ClientGet.parse(Self.connection + ["k-1", "--wrap-with", "k-2", "--wrap-encoding", "xml"]) }
    }

    /// Issue 11, finding 13: the gateway is verified unless `--insecure` says otherwise.
    @Test func theGatewayIsVerifiedByDefault() throws {
        let directory = try TemporaryDirectory()
        let empty = ["KMIPGW_STATE": directory.file("none")]
        #expect(try ClientDiscover.parse(Self.connection).connection.trust(environment: empty) == .systemTrustStore)
        let ca = try ClientDiscover.parse(Self.connection + ["--ca", "ca.pem"])
        #expect(ca.connection.trust(environment: empty) == .file("ca.pem"))

        let state = directory.file("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: state + "/server-cert.pem", contents: Data("x".utf8))
        let fromFlag = try ClientDiscover.parse(Self.connection + ["--state", state])
        #expect(fromFlag.connection.trust(environment: empty) == .file(state + "/server-cert.pem"))
        let fromEnvironment = try ClientDiscover.parse(Self.connection)
        #expect(fromEnvironment.connection.trust(environment: ["KMIPGW_STATE": state]) == .file(state + "/server-cert.pem"))

        let insecure = try ClientDiscover.parse(Self.connection + ["--insecure"])
        #expect(insecure.connection.trust(environment: ["KMIPGW_STATE": state]) == .none)
        #expect(throws: (any Error).self) { try ClientDiscover.parse(Self.connection + ["--insecure", "--ca", "ca.pem"]) }
    }
}
