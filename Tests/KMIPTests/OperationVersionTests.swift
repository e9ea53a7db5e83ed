import KMIP
import Testing

/// Which protocol version first defines each operation (KMIP 1.0–1.4 §9.1.3.2.27).
@Suite struct OperationVersionTests {
    @Test func kmipOneZeroHasNoDiscoverVersions() {
        #expect(Operation.discoverVersions.since == .v1_1)
        #expect(!Operation.discoverVersions.isDefined(in: .v1_0))
        #expect(Operation.discoverVersions.isDefined(in: .v1_1))
        #expect(Operation.rekeyKeyPair.since == .v1_1)
    }

    @Test func theFirstVersionDefinesTheKeyManagementOperations() {
        for operation: Operation in [.create, .register, .rekey, .locate, .get, .getAttributes, .activate, .revoke, .destroy, .query, .put] {
            #expect(operation.since == .v1_0, "\(operation)")
        }
    }

    @Test func theCryptographicOperationsCameWithOneTwo() {
        for operation: Operation in [.encrypt, .decrypt, .sign, .signatureVerify, .mac, .macVerify, .rngRetrieve, .rngSEED, .hash, .createSplitKey, .joinSplitKey] {
            #expect(operation.since == .v1_2, "\(operation)")
            #expect(!operation.isDefined(in: .v1_1))
        }
        #expect(Operation.import.since == .v1_4)
        #expect(Operation.export.since == .v1_4)
        #expect(!Operation.export.isDefined(in: .v1_3))
        #expect(Operation.login.since == ProtocolVersion(major: 2, minor: 0))
        #expect(!Operation.login.isDefined(in: .v1_4))
        #expect(Operation(rawValue: 0x8000_0001).since == nil)
    }
}
