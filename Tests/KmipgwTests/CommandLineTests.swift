import ArgumentParser
import Testing

@testable import kmipgw

/// The command line's shape: the subcommand names operators and scripts use, the shared `-f`
/// and `-o` options, and the qualified adapter names `describe` accepts.
@Suite struct CommandLineTests {
    @Test func subcommandsKeepTheirNames() throws {
        let names = Kmipgw.configuration.subcommands.map { $0.configuration.commandName ?? "" }
        #expect(names == [
            "init", "validate", "plan", "apply", "get", "describe", "serve", "backup", "restore", "client", "bench", "ttlv",
        ])
        let bench = BenchCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" }
        #expect(bench.contains("store") && bench.contains("fill"))
    }

    @Test func fileAndOutputOptionsAreSharedByValidatePlanAndApply() throws {
        let validate = try #require(try Kmipgw.parseAsRoot(["validate", "-f", "a.yaml", "-o", "json"]) as? ValidateCommand)
        #expect(validate.configuration.files == ["a.yaml"])
        #expect(validate.output.format == .json)
        let plan = try #require(try Kmipgw.parseAsRoot(["plan", "--file", "a", "-f", "b"]) as? PlanCommand)
        #expect(plan.options.configuration.files == ["a", "b"])
        #expect(plan.options.output.format == .text)
        let apply = try #require(try Kmipgw.parseAsRoot(["apply", "-f", "a", "--output", "json"]) as? ApplyCommand)
        #expect(apply.options.output.format == .json)
        #expect(throws: (any Error).self) { try Kmipgw.parseAsRoot(["plan"]) }
        #expect(throws: (any Error).self) { try Kmipgw.parseAsRoot(["validate", "-f", "a", "-o", "yaml"]) }
        let get = try #require(try Kmipgw.parseAsRoot(["get", "adapters"]) as? GetCommand)
        #expect(get.output.format == .table)
    }

    @Test func describeAcceptsTheQualifiedNamesPlanAndGetPrint() throws {
        let qualified = try #require(try Kmipgw.parseAsRoot(["describe", "adapter", "prod/vcenter"]) as? DescribeCommand)
        #expect(qualified.adapter.name == "vcenter")
        #expect(qualified.adapter.instance == "prod")
        let plain = try #require(try Kmipgw.parseAsRoot(["describe", "adapter", "vcenter", "--instance", "prod"]) as? DescribeCommand)
        #expect(plain.adapter.name == "vcenter")
        #expect(plain.adapter.instance == "prod")
        let agreeing = try #require(
            try Kmipgw.parseAsRoot(["describe", "adapter", "prod/vcenter", "--instance", "prod"]) as? DescribeCommand)
        #expect(agreeing.adapter.instance == "prod")
        #expect(throws: (any Error).self) { try Kmipgw.parseAsRoot(["describe", "adapter", "prod/vcenter", "--instance", "dev"]) }
        #expect(throws: (any Error).self) { try Kmipgw.parseAsRoot(["describe", "adapter", "a/b/c"]) }
        #expect(throws: (any Error).self) { try Kmipgw.parseAsRoot(["describe", "adapter", "/vcenter"]) }
    }
}
