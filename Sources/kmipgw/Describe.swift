import ArgumentParser
import Foundation
import KeyStore
import Reconciler

extension Kmipgw {
    /// `kmipgw describe adapter NAME`: one adapter with its certificates and KMIP keys' metadata.
    struct Describe: ParsableCommand {
        static let configuration = CommandConfiguration(
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

        /// The output formats.
        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
            case yaml
        }

        @Argument(help: "adapter")
        var kind: Kind

        @Argument(help: "The adapter's name.")
        var name: String

        @Option(help: ArgumentHelp("The instance (needed when several instances have an adapter of that name).", valueName: "name"))
        var instance: String?

        @OptionGroup var store: StoreOptions

        @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: text, json or yaml.")
        var output: OutputFormat = .text

        func run() throws {
            let store = try store.open()
            defer { store.close() }
            let detail: AdapterDetail?
            do {
                detail = try ManagementView(store: store).describeAdapter(name, instance: instance, store: store)
            } catch let error as KeyStoreError {
                throw StoreOptions.fail(error.reason)
            } catch let error as ViewError {
                throw StoreOptions.fail(error.reason)
            }
            guard let detail else {
                let scope = instance.map { " in instance \($0)" } ?? ""
                throw StoreOptions.fail("no adapter \(name)\(scope)")
            }
            switch output {
            case .text: print(detail.text(), terminator: "")
            case .json: print(try ViewRenderer.json(detail), terminator: "")
            case .yaml: print(try ViewRenderer.yaml(detail), terminator: "")
            }
        }
    }
}
