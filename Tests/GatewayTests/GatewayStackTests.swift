import Crypto
import Foundation
import Gateway
import KMIP
import KMIPClient
import KMIPServer
import KeyStore
import Logging
import Metrics
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import Operations
import TTLV
import TestSupport
import Testing

/// The whole gateway in one process: a real store, the Operations layer, the server over real
/// mutual TLS on 127.0.0.1, and the project's client — wired exactly as `kmipgw serve` does.
@Suite struct GatewayStackTests {
    struct Stack: Sendable {
        let directory: TemporaryDirectory
        let store: SQLiteStore
        let gateway: Gateway
        let tls: TestTLS.Server
        let alice: TestCertificates.Issued
        let bob: TestCertificates.Issued
        let audit: AuditLines

        var server: KMIPServer { gateway.server }

        static let quietLogger: Logger = {
            var logger = Logger(label: "kmipgw.test") { _ in SwiftLogNoOpLogHandler() }
            logger.logLevel = .critical
            return logger
        }()

        /// A store with two adapters of one instance (alice-vc, bob-vc), each with one client
        /// certificate, and the gateway built on it by ``Gateway/build(store:configuration:logger:metricsFactory:)``
        /// as `kmipgw serve` builds it, listening on a free port of 127.0.0.1.
        static func make(
            metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance,
            metricsEndpoint: GatewayConfiguration.MetricsEndpointConfiguration? = nil
        ) async throws -> Stack {
            let directory = try TemporaryDirectory(prefix: "kmipgw-gateway")
            let location = StoreLocation(directory: directory.file("state"))
            _ = try StateInitializer(location: location).run(hostName: "test-host")
            let store = try SQLiteStore.open(location)
            let alice = try TestCertificates.selfSigned(commonName: "alice")
            let bob = try TestCertificates.selfSigned(commonName: "bob")
            _ = try await store.apply([
                .createInstance(name: "prod", description: nil),
                .createRootKey(instance: "prod", name: "root-a"),
                .createRootKey(instance: "prod", name: "root-b"),
                .createAdapter(instance: "prod", name: "alice-vc", description: nil, rootKey: "root-a"),
                .createAdapter(instance: "prod", name: "bob-vc", description: nil, rootKey: "root-b"),
                .addCertificate(instance: "prod", adapter: "alice-vc", name: "alice", der: alice.der),
                .addCertificate(instance: "prod", adapter: "bob-vc", name: "bob", der: bob.der),
            ])
            let tls = try TestTLS.makeServer()
            let audit = AuditLines()
            let gateway = try await Gateway.build(
                store: store,
                configuration: GatewayConfiguration(
                    server: KMIPServerConfiguration(
                        host: "127.0.0.1", port: 0, certificateChain: tls.certificateChain, privateKey: tls.privateKey,
                        handshakeTimeout: .seconds(5), shutdownGracePeriod: .seconds(5)),
                    audit: .lines { audit.append($0) }, metricsEndpoint: metricsEndpoint),
                logger: quietLogger, metricsFactory: metricsFactory)
            return Stack(directory: directory, store: store, gateway: gateway, tls: tls, alice: alice, bob: bob, audit: audit)
        }

        func client(_ certificate: TestCertificates.Issued, port: Int, version: ProtocolVersion = .v1_4) throws -> KMIPClient {
            try KMIPClient(configuration: KMIPClientConfiguration(
                host: "127.0.0.1", port: port, certificateChain: [certificate.nioCertificate()],
                privateKey: certificate.nioPrivateKey(), serverVerification: .certificateAuthority([tls.certificateAuthority]),
                serverHostname: "localhost", protocolVersion: version, connectTimeout: .seconds(5), requestTimeout: .seconds(10)))
        }

        func run(_ body: @Sendable (Int) async throws -> Void) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await gateway.run(logger: Self.quietLogger) }
                let port = try await server.listeningAddress().port!
                try await body(port)
                group.cancelAll()
            }
        }
    }

    final class AuditLines: Sendable {
        private let lines = NIOLockedValueBox<[String]>([])
        func append(_ line: String) { lines.withLockedValue { $0.append(line) } }
        var all: [String] { lines.withLockedValue { $0 } }
    }

    @Test(arguments: ProtocolVersion.supported)
    func everyOperationOverMutualTLS(version: ProtocolVersion) async throws {
        let stack = try await Stack.make()
        try await stack.run { port in
            try await stack.client(stack.alice, port: port, version: version).withConnection { connection in
                #expect(try await connection.discoverVersions().first == .v1_4)
                let id = try await connection.createSymmetricKey(length: 256, name: "stack-\(version)")
                #expect(try await connection.locate(name: "stack-\(version)") == [id])
                _ = try await connection.addAttribute(id, Attribute(name: "x-Product_Version", value: .textString("8.0")))
                let attributes = try await connection.getAttributes(id, names: ["State", "x-Product_Version", "x-Missing"])
                #expect(attributes.map(\.name) == ["State", "x-Product_Version"])
                try await connection.activate(id)
                let got = try await connection.get(id)
                guard case .symmetricKey(let key) = got.object else {
                    Issue.record("no key")
                    return
                }
                #expect(key.keyBlock.keyValue.keyBytes?.count == 32)
                try await connection.revoke(id, reason: .keyCompromise, compromiseOccurrenceDate: Date())
                try await connection.destroy(id)
            }
        }
        #expect(stack.audit.all.count >= 9)
        #expect(stack.audit.all.allSatisfy { $0.contains("\"adapter\":\"alice-vc\"") && $0.contains(stack.alice.fingerprint) })
    }

    @Test func adaptersNeverSeeEachOthersKeys() async throws {
        let stack = try await Stack.make()
        try await stack.run { port in
            let id = try await stack.client(stack.alice, port: port).withConnection { try await $0.createSymmetricKey(name: "alice-only") }
            try await stack.client(stack.bob, port: port).withConnection { connection in
                #expect(try await connection.locate(name: "alice-only").isEmpty)
                do {
                    _ = try await connection.get(id)
                    Issue.record("bob read alice's key")
                } catch let error as KMIPClientError {
                    #expect("\(error)".contains("ItemNotFound"))
                }
            }
        }
    }

    @Test func aKeyWrappedOnGetUnwrapsToTheKeyAndOnlyTheOwnAdaptersKeysWrap() async throws {
        let stack = try await Stack.make()
        try await stack.run { port in
            let bobsWrappingKey = try await stack.client(stack.bob, port: port).withConnection {
                try await $0.createSymmetricKey(usage: [.wrapKey, .unwrapKey], activationDate: Date())
            }
            try await stack.client(stack.alice, port: port).withConnection { connection in
                let wrappingKey = try await connection.createSymmetricKey(usage: [.wrapKey, .unwrapKey], activationDate: Date())
                let target = try await connection.createSymmetricKey()
                func wrap(by key: String) -> KeyWrappingSpecification {
                    KeyWrappingSpecification(
                        wrappingMethod: .encrypt,
                        encryptionKeyInformation: EncryptionKeyInformation(
                            uniqueIdentifier: key, cryptographicParameters: CryptographicParameters(blockCipherMode: .nistKeyWrap)),
                        encodingOption: .noEncoding)
                }
                let wrapped = try await connection.get(target, wrapping: wrap(by: wrappingKey))
                guard case .symmetricKey(let key) = wrapped.object, case .wrapped(let bytes) = key.keyBlock.keyValue,
                    case .symmetricKey(let kek) = try await connection.get(wrappingKey).object,
                    case .symmetricKey(let clear) = try await connection.get(target).object
                else {
                    Issue.record("no wrapped key")
                    return
                }
                let unwrapped = try AES.KeyWrap.unwrap(bytes, using: SymmetricKey(data: try #require(kek.keyBlock.keyValue.keyBytes)))
                #expect(unwrapped.withUnsafeBytes { Array($0) } == clear.keyBlock.keyValue.keyBytes)
                #expect(key.keyBlock.keyWrappingData?.encryptionKeyInformation?.uniqueIdentifier == wrappingKey)
                do {
                    _ = try await connection.get(target, wrapping: wrap(by: bobsWrappingKey))
                    Issue.record("alice's key was wrapped by bob's")
                } catch let error as KMIPClientError {
                    #expect("\(error)".contains("ItemNotFound"))
                }
                // The audit log says which key each wrapped Get asked for, granted or not.
                let wrappedGets = stack.audit.all.filter { $0.contains("\"wrappedBy\"") }
                #expect(wrappedGets.count == 2)
                #expect(wrappedGets.first?.contains("\"object\":\"\(target)\"") == true)
                #expect(wrappedGets.first?.contains("\"wrappedBy\":\"\(wrappingKey)\"") == true)
                #expect(wrappedGets.first?.contains("\"result\":\"Success\"") == true)
                #expect(wrappedGets.last?.contains("\"wrappedBy\":\"\(bobsWrappingKey)\"") == true)
                #expect(wrappedGets.last?.contains("\"reason\":\"ItemNotFound\"") == true)
                #expect(stack.audit.all.filter { !$0.contains("\"wrappedBy\"") }.allSatisfy { $0.hasSuffix("\"}") })
            }
        }
    }

    @Test func unregisteredCertificatesGetNoAnswerAndRemovedOnesAreCutOff() async throws {
        let stack = try await Stack.make()
        let stranger = try TestCertificates.selfSigned(commonName: "stranger")
        try await stack.run { port in
            await #expect(throws: (any Error).self) {
                try await stack.client(stranger, port: port).withConnection { try await $0.discoverVersions() }
            }
            // Bob's certificate is removed by an apply; the reload takes it away from the server.
            let connection = try await stack.client(stack.bob, port: port).connect()
            _ = try await connection.discoverVersions()
            _ = try await stack.store.apply([.removeCertificate(instance: "prod", adapter: "bob-vc", name: "bob")])
            let reload = ReloadService(store: stack.store, server: stack.server, logger: Logger(label: "test"))
            _ = reload.reload(after: 0)
            try await Task.sleep(for: .milliseconds(200))
            await #expect(throws: (any Error).self) { _ = try await connection.discoverVersions() }
            await #expect(throws: (any Error).self) {
                try await stack.client(stack.bob, port: port).withConnection { try await $0.discoverVersions() }
            }
            // Alice is untouched.
            _ = try await stack.client(stack.alice, port: port).withConnection { try await $0.discoverVersions() }
        }
    }
}
