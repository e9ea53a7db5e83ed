import Foundation
import KeyStore
import Testing
import TestSupport
@testable import Reconciler

/// The built `kmipgw` binary: `plan --detailed-exitcode` codes, `apply`, and `get` / `describe`
/// never printing key material or PEM bodies.
@Suite(.serialized) struct CommandTests {
    @Test func planDetailedExitcodeAndApply() async throws {
        let harness = try StoreHarness()
        let state = ["--state", harness.location.directory]
        let certificate = try clientCertificate("vc")
        let file = try harness.write(
            "gitops.yaml",
            YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [YAMLText.certificate("cert-c", pem: certificate.pem)])]))
        harness.store.close()

        let changes = try await KmipgwExecutable.run(["plan", "-f", file, "--detailed-exitcode"] + state)
        #expect(changes.status == 2, "\(changes.stderr)")
        #expect(changes.stdout.contains("+ adapter prod/vc"))
        #expect(changes.stdout.hasSuffix("Plan: 4 to add, 0 to change, 0 to delete.\n"))
        #expect(try await KmipgwExecutable.run(["plan", "-f", file] + state).status == 0, "without the flag, changes exit 0")

        let dryRun = try await KmipgwExecutable.run(["apply", "-f", file, "--dry-run"] + state)
        #expect(dryRun.status == 0)
        #expect(dryRun.stdout.contains("Dry run: nothing was changed."))
        #expect(try await KmipgwExecutable.run(["plan", "-f", file, "--detailed-exitcode"] + state).status == 2)

        let apply = try await KmipgwExecutable.run(["apply", "-f", file] + state)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("Apply complete: 4 added, 0 changed, 0 deleted"))

        let none = try await KmipgwExecutable.run(["plan", "-f", file, "--detailed-exitcode", "-o", "json"] + state)
        #expect(none.status == 0, "\(none.stderr)")
        let document = try JSONDecoder().decode(PlanDocument.self, from: Data(none.stdout.utf8))
        #expect(document.changes.isEmpty)

        let invalid = try harness.write("bad.yaml", "apiVersion: kmipgw/v2\ninstances: []\n")
        let error = try await KmipgwExecutable.run(["plan", "-f", invalid, "--detailed-exitcode"] + state)
        #expect(error.status == 1)
        #expect(error.stderr.contains("error:"))
        #expect(error.stdout.isEmpty)

        let missing = try await KmipgwExecutable.run(
            ["plan", "-f", file, "--detailed-exitcode", "--state", harness.directory.file("nowhere")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("kmipgw init"))
    }

    /// Two applies at once: the second waits for the first's lock (saying so), then plans
    /// against what the first left; with too short a wait it gives up and changes nothing.
    @Test func aSecondApplyWaitsForTheFirst() async throws {
        let harness = try StoreHarness()
        let state = ["--state", harness.location.directory]
        harness.store.close()
        let file = try harness.write("gitops.yaml", YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [])]))
        let held = try ApplyLock.acquire(harness.location, timeout: .zero)
        let refused = try await KmipgwExecutable.run(["apply", "-f", file, "--lock-timeout", "0"] + state)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("still holds the apply lock"), "\(refused.stderr)")
        #expect(try await KmipgwExecutable.run(["plan", "-f", file, "--detailed-exitcode"] + state).status == 2)
        let waiting = Task { try await KmipgwExecutable.run(["apply", "-f", file, "--lock-timeout", "30"] + state) }
        // Long enough for the child to start and reach the lock even on a loaded machine.
        try await Task.sleep(for: .seconds(2))
        withExtendedLifetime(held) {}
        _ = consume held
        let applied = try await waiting.value
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stderr.contains("waiting for another apply to finish (kmipgw apply, pid"), "\(applied.stderr)")
        #expect(try await KmipgwExecutable.run(["plan", "-f", file, "--detailed-exitcode"] + state).status == 0)
    }

    @Test func applyRefusesDestructionAndNamesTheFlag() async throws {
        let harness = try StoreHarness()
        let state = ["--state", harness.location.directory]
        try await harness.apply(
            YAMLText.document(rootKeys: ["root", "old"], adapters: [YAMLText.adapter("vc", certificates: [])]))
        harness.store.close()
        let file = try harness.write("gitops.yaml", YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [])]))
        let refused = try await KmipgwExecutable.run(["apply", "-f", file, "--prune"] + state)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--allow-destroy"))
        #expect(refused.stdout.contains("- root key prod/old"))
        #expect(refused.stdout.contains("! destroying root key old of instance prod"))
        let allowed = try await KmipgwExecutable.run(["apply", "-f", file, "--prune", "--allow-destroy"] + state)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("Apply complete: 0 added, 0 changed, 1 deleted"))
    }

    @Test func getAndDescribeNeverPrintKeyMaterial() async throws {
        let harness = try StoreHarness()
        let state = ["--state", harness.location.directory]
        let certificate = try clientCertificate("vc")
        try await harness.apply(
            YAMLText.document(adapters: [
                "      - name: vc\n        description: Primary vCenter\n        rootKey: root\n        certificates:\n"
                    + YAMLText.certificate("client", pem: certificate.pem)
            ]))
        let material: [UInt8] = (0..<32).map { UInt8(0xA0 &+ $0) }
        let object = try await harness.createKey(adapter: "vc", name: "vm-disk-key", material: material)
        harness.store.close()

        let hex = material.map { String(format: "%02x", $0) }.joined()
        let forbidden = [
            hex, hex.uppercased(), Data(material).base64EncodedString(), String(Data(certificate.der).base64EncodedString().prefix(40)),
            "BEGIN CERTIFICATE",
        ]
        var outputs: [String: String] = [:]
        for kind in ["instances", "rootkeys", "adapters", "certificates", "objects"] {
            for format in ["table", "json", "yaml"] {
                let result = try await KmipgwExecutable.run(["get", kind, "-o", format] + state)
                #expect(result.status == 0, "get \(kind) -o \(format): \(result.stderr)")
                outputs["get \(kind) -o \(format)"] = result.stdout
            }
        }
        for format in ["text", "json", "yaml"] {
            let result = try await KmipgwExecutable.run(["describe", "adapter", "vc", "-o", format] + state)
            #expect(result.status == 0, "\(result.stderr)")
            outputs["describe -o \(format)"] = result.stdout
        }
        // The qualified name that plan and get print names the same adapter.
        let qualified = try await KmipgwExecutable.run(["describe", "adapter", "prod/vc"] + state)
        #expect(qualified.status == 0, "\(qualified.stderr)")
        #expect(qualified.stdout == outputs["describe -o text"])
        for (command, output) in outputs {
            for secret in forbidden {
                #expect(!output.contains(secret), "\(command) printed material or a PEM body")
            }
        }
        #expect(outputs["get objects -o table"]?.contains(object.uniqueIdentifier) == true)
        #expect(outputs["get objects -o table"]?.contains("vm-disk-key") == true)
        #expect(outputs["get certificates -o table"]?.contains(certificate.fingerprint) == true)
        let describe = try #require(outputs["describe -o text"])
        #expect(describe.contains("Name:          vc\n"))
        #expect(describe.contains("Description:   Primary vCenter\n"))
        #expect(describe.contains("Root key:      root\n"))
        #expect(describe.contains(certificate.fingerprint))
        #expect(describe.contains("CN=vc"))
        #expect(describe.contains(object.uniqueIdentifier))
        #expect(describe.contains("vm-disk-key"))
        #expect(describe.contains("Active") || describe.contains("PreActive"))

        let json = try #require(outputs["get adapters -o json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["kind"] as? String == "adapters")
        let items = try #require(parsed["items"] as? [[String: Any]])
        #expect(items.first?["objects"] as? Int == 1)

        let unknown = try await KmipgwExecutable.run(["describe", "adapter", "nope"] + state)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no adapter nope"))
    }
}

/// `get`, `describe` and `plan` read a state directory on a read-only mount and say so;
/// `apply` refuses plainly, never with "unable to open database file (SQLite code 14)".
@Suite("Commands on a read-only state directory", .enabled(if: SmallFilesystem.available, "needs root to mount a tmpfs"))
struct ReadOnlyStateTests {
    @Test func readCommandsWorkAndApplySaysWhy() async throws {
        let disk = try #require(SmallFilesystem.make(bytes: 8 * 1024 * 1024))
        let stateDirectory = disk.file("state")
        let state = ["--state", stateDirectory]
        let configuration = try TestSupport.TemporaryDirectory(prefix: "kmipgw-ro-config")
        let file = configuration.file("gitops.yaml")
        try Data(YAMLText.document(adapters: [YAMLText.adapter("vc", certificates: [])]).utf8)
            .write(to: URL(fileURLWithPath: file))
        #expect(try await KmipgwExecutable.run(["init"] + state).status == 0)
        #expect(try await KmipgwExecutable.run(["apply", "-f", file] + state).status == 0)
        #expect(disk.remountReadOnly())
        for arguments in [["get", "adapters"], ["describe", "adapter", "vc"], ["plan", "-f", file]] {
            let result = try await KmipgwExecutable.run(arguments + state)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("cannot be written (read-only)"), "\(arguments): \(result.stderr)")
        }
        #expect(try await KmipgwExecutable.run(["get", "adapters"] + state).stdout.contains("vc"))
        let apply = try await KmipgwExecutable.run(
            ["apply", "-f", file] + state + ["--prune", "--allow-destroy", "--lock-timeout", "0"])
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("cannot be written"), "\(apply.stderr)")
        #expect(!apply.stderr.contains("SQLite code"))
        // serve refuses at start rather than fail every write once it is up.
        let serve = try await KmipgwExecutable.run(["serve", "--listen", "127.0.0.1:0"] + state)
        #expect(serve.status == 1)
        #expect(serve.stderr.contains("serve needs write access"), "\(serve.stderr)")
    }
}
