import ArgumentParser
import Foundation
import KeyStore
import Reconciler

/// `kmipgw describe adapter [INSTANCE/]NAME`: one adapter with its certificates and KMIP keys'
/// metadata.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show one adapter: description, root key, certificates and KMIP keys (metadata only).",
        discussion: """
            Reads the store; changes nothing; never shows key material or PEM bodies. The management action \
            is kms.kmip-management.read. Exit status 1 when the adapter does not exist.
            """
    )

    /// What can be described.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case adapter
    }

    @Argument(help: "adapter")
    var kind: Kind

    @Argument(help: ArgumentHelp(
        "The adapter: its name, or instance/name as plan and get print it.", valueName: "[instance/]name"))
    var name: String

    @Option(help: ArgumentHelp("The instance (needed when several instances have an adapter of that name).", valueName: "name"))
    var instance: String?

    /// The adapter and its instance, from `instance/name` or from the name and --instance.
    var adapter: (name: String, instance: String?) {
        guard let qualified = QualifiedName(name) else { return (name, instance) }
        return (qualified.name, qualified.instance)
    }

    func validate() throws {
        if name.contains("/") && QualifiedName(name) == nil {
            throw ValidationError("the adapter must be a name or instance/name (got \(name))")
        }
        if let qualified = QualifiedName(name), let instance, instance != qualified.instance {
            throw ValidationError("\(name) names instance \(qualified.instance), but --instance says \(instance)")
        }
    }

    @OptionGroup var store: StoreOptions

    @OptionGroup var output: OutputOptions<DetailFormat>

    func run() throws {
        let store = try store.open()
        defer { store.close() }
        let detail: AdapterDetail?
        do {
            detail = try ManagementView(store: store).describeAdapter(adapter.name, instance: adapter.instance, store: store)
        } catch let error as KeyStoreError {
            throw StoreOptions.fail(error.reason)
        } catch let error as ViewError {
            throw StoreOptions.fail(error.reason)
        }
        guard let detail else {
            let scope = adapter.instance.map { " in instance \($0)" } ?? ""
            throw StoreOptions.fail("no adapter \(adapter.name)\(scope)")
        }
        switch output.format {
        case .text: print(detail.text(), terminator: "")
        case .json: print(try ViewRenderer.json(detail), terminator: "")
        case .yaml: print(try ViewRenderer.yaml(detail), terminator: "")
        }
    }
}
