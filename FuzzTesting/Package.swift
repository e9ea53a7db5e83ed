// swift-tools-version:6.1
import PackageDescription

// libFuzzer harnesses for the TTLV decoder and the KMIP message model. Built apart from the main
// package because every target must be compiled with -sanitize=fuzzer; see docs/fuzzing.md.
let package = Package(
    name: "FuzzTesting",
    dependencies: [
        .package(name: "kmipgw", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "FuzzTTLV",
            dependencies: [
                .product(name: "TTLV", package: "kmipgw"),
                .product(name: "KMIP", package: "kmipgw"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
