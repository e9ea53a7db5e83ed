import ArgumentParser
import Foundation
import KeyStore

/// `kmipgw init`: creates the state directory, master key, database and server certificate.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the state directory: master key, encrypted store, server TLS certificate.",
        discussion: """
            The state directory is --state, else $KMIPGW_STATE, else ./.kmipgw. It gets mode 0700, a 256-bit \
            master key (mode 0600) unless --master-key-file / $KMIPGW_MASTER_KEY_FILE names an existing one, the \
            database, and a self-signed ECDSA P-256 server certificate for the KMIP endpoint (SAN localhost, \
            127.0.0.1 and this host's name) unless --tls-cert and --tls-key supply one. Prints the certificate's \
            path and SHA-256 fingerprint. Running it again changes nothing and says so.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("A server certificate (PEM) to use instead of generating one.", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The private key (PEM) of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together.")
        }
    }

    func run() throws {
        let location = store.location
        let report: StateInitializer.Report
        do {
            report = try StateInitializer(location: location).run(
                hostName: ProcessInfo.processInfo.hostName, tlsCertificateFile: tlsCert, tlsKeyFile: tlsKey)
        } catch let error as KeyStoreError {
            FileHandle.standardError.write(Data("error: \(error.reason)\n".utf8))
            throw ExitCode(1)
        }
        if report.changedAnything {
            var made: [String] = []
            if report.createdDirectory { made.append("directory \(location.directory)") }
            if report.createdMasterKey { made.append("master key \(location.masterKeyFile)") }
            if report.createdDatabase { made.append("store \(location.databaseFile)") }
            if report.createdServerIdentity { made.append("server certificate and key") }
            print("initialised: " + made.joined(separator: ", "))
        } else {
            print("already initialised: nothing changed in \(location.directory)")
        }
        print("server certificate: \(report.serverCertificateFile)")
        print("SHA-256 fingerprint: \(report.serverCertificateFingerprint)")
        if report.createdMasterKey {
            print("keep a copy of \(location.masterKeyFile) somewhere safe: without it the store cannot be read")
        }
    }
}
