import ArgumentParser
import Testing

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
}
