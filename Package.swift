// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "scimcheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "scimcheck", targets: ["scimcheck"]),
        .library(name: "SCIMCheckCLI", targets: ["SCIMCheckCLI"]),
        // The DSL with the wire model and JSON vocabulary its scenarios use.
        .library(name: "SCIMCheckKit", targets: ["SCIMCheckKit", "SCIMCheckHTTP", "SCIMCore"]),
        .library(name: "OktaSimulator", targets: ["OktaSimulator"]),
        // The built-in catalog, for packages that run it beside their own suites.
        .library(name: "SCIMCheckScenarios", targets: ["SCIMCheckScenarios"]),
        .executable(name: "scimcheck-server-bench", targets: ["ServerBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Vocabulary shared by the kit and the reference server: URNs, media types, JSON values.
        .target(name: "SCIMCore", swiftSettings: swiftSettings),
        // The wire model: requests, exchanges, timings, the Transport protocol.
        .target(name: "SCIMCheckHTTP", dependencies: ["SCIMCore"], swiftSettings: swiftSettings),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        .target(name: "CurlTransport", dependencies: ["CCurl", "SCIMCheckHTTP"], swiftSettings: swiftSettings),
        .target(
            name: "SCIMCheckKit",
            dependencies: ["SCIMCore", "SCIMCheckHTTP", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OktaSimulator", dependencies: ["SCIMCheckKit", "SCIMCheckHTTP", "SCIMCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SCIMCheckScenarios",
            dependencies: ["SCIMCheckKit", "OktaSimulator", "SCIMCheckHTTP", "SCIMCore"],
            path: "Scenarios",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SCIMCheckReports", dependencies: ["SCIMCheckKit", "SCIMCheckHTTP", "SCIMCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SCIMServer",
            dependencies: [
                "SCIMCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SCIMServerSQLite",
            dependencies: ["SCIMServer", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SCIMCheckCLI",
            dependencies: [
                "SCIMCheckKit", "OktaSimulator", "SCIMCheckReports", "CurlTransport", "SCIMServerSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "scimcheck",
            dependencies: ["SCIMCheckCLI", "SCIMCheckScenarios"],
            swiftSettings: swiftSettings
        ),
        // A user's own scenarios run with the CLI machinery (README "Writing your own scenarios"), built by CI.
        .executableTarget(
            name: "custom-scenarios",
            dependencies: [
                "SCIMCheckCLI", "SCIMCheckKit", "OktaSimulator", "SCIMCheckScenarios", "SCIMCheckHTTP", "SCIMCore",
            ],
            path: "Examples/CustomScenarios",
            swiftSettings: swiftSettings
        ),
        // The reference server's benchmark (ci/bench-server.sh; README "Benchmarks"), not a test.
        .executableTarget(
            name: "ServerBenchmark",
            dependencies: [
                "CurlTransport", "SCIMCheckHTTP", "SCIMCheckKit", "OktaSimulator", "SCIMCore", "SCIMServer",
                "SCIMServerSQLite", "SCIMCheckTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ServerBenchmark",
            swiftSettings: swiftSettings
        ),
        // Test doubles and helper servers shared by the test targets.
        .target(
            name: "SCIMCheckTestSupport",
            dependencies: [
                "SCIMCheckKit", "SCIMCheckHTTP", "SCIMServer", "SCIMServerSQLite",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SCIMCoreTests", dependencies: ["SCIMCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CurlTransportTests",
            dependencies: ["CurlTransport", "SCIMCheckHTTP", "SCIMCheckTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SCIMServerTests",
            dependencies: [
                "SCIMServerSQLite", "SCIMServer", "SCIMCore", "SCIMCheckTestSupport", "CurlTransport", "SCIMCheckHTTP",
                .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SCIMCheckKitTests",
            dependencies: [
                "SCIMCheckKit", "SCIMCheckReports", "OktaSimulator", "SCIMCheckHTTP", "SCIMCore",
                "SCIMCheckTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OktaSimulatorTests",
            dependencies: [
                "OktaSimulator", "SCIMCheckKit", "SCIMCheckHTTP", "SCIMCore", "SCIMCheckTestSupport", "CurlTransport",
                "SCIMCheckCLI",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OktaExpressionTests",
            dependencies: ["OktaSimulator", "SCIMCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SCIMCheckReportsTests",
            dependencies: [
                "SCIMCheckReports", "SCIMCheckKit", "SCIMCheckHTTP", "SCIMCore", "SCIMCheckTestSupport",
                "OktaSimulator", "scimcheck",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "SCIMCheckCLI", "SCIMCheckScenarios", "SCIMCheckKit", "SCIMCheckReports", "SCIMCheckTestSupport",
                "SCIMCheckHTTP", "SCIMCore", "CurlTransport", "SCIMServer", "scimcheck", "custom-scenarios",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
    ]
)

// `ci/fuzz.sh` only (SCIMCHECK_FUZZ=1): a libFuzzer entry point for the reference server's filter and PATCH
// parsers, with SCIMCore and SCIMServer instrumented for coverage and AddressSanitizer. Ordinary builds never
// see it: the target has no `main` of its own (libFuzzer brings it).
if Context.environment["SCIMCHECK_FUZZ"] == "1" {
    let sanitizers: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
    for target in package.targets where ["SCIMCore", "SCIMServer"].contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + sanitizers
    }
    package.targets.append(
        .executableTarget(
            name: "SCIMServerFuzz",
            dependencies: ["SCIMServer", "SCIMCore"],
            swiftSettings: swiftSettings + sanitizers + [.unsafeFlags(["-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        )
    )
}
