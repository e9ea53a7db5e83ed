import ArgumentParser
import Foundation
import KeyStore
import Reconciler

/// `kmipgw get KIND`: lists configuration rows or KMIP object metadata from the store.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "List instances, root keys, adapters, certificates or KMIP objects (metadata only).",
        discussion: """
            Reads the store; changes nothing. Never shows key material or certificate PEM bodies: root keys \
            by name, certificates by fingerprint, subject and validity, KMIP objects by identifier, name, \
            type, state and dates. The management action is kms.kmip-management.list.
            """
    )

    /// What to list.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case instances
        case rootkeys
        case adapters
        case certificates
        case objects
    }

    @Argument(help: "instances, rootkeys, adapters, certificates or objects.")
    var kind: Kind

    @Option(help: ArgumentHelp("Only this instance.", valueName: "name"))
    var instance: String?

    @Option(help: ArgumentHelp("Only this adapter (certificates, objects, adapters).", valueName: "name"))
    var adapter: String?

    @OptionGroup var store: StoreOptions

    @OptionGroup var output: OutputOptions<ListFormat>

    func run() throws {
        let store = try store.open()
        defer { store.close() }
        do {
            let view = try ManagementView(store: store)
            switch kind {
            case .instances: try emit(view.instances(instance: instance))
            case .rootkeys: try emit(view.rootKeys(instance: instance))
            case .adapters: try emit(view.adapters(instance: instance, adapter: adapter))
            case .certificates: try emit(view.certificates(instance: instance, adapter: adapter))
            case .objects: try emit(view.objects(store: store, instance: instance, adapter: adapter))
            }
        } catch let error as KeyStoreError {
            throw StoreOptions.fail(error.reason)
        }
    }

    private func emit<Row: ViewRow>(_ rows: [Row]) throws {
        let text: String
        switch output.format {
        case .table: text = rows.isEmpty ? "No \(kind.rawValue) found.\n" : ViewRenderer.table(rows)
        case .json: text = try ViewRenderer.json(kind: kind.rawValue, rows)
        case .yaml: text = try ViewRenderer.yaml(kind: kind.rawValue, rows)
        }
        print(text, terminator: "")
    }
}
