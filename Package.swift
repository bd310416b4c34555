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
        .library(name: "SCIMCheckKit", targets: ["SCIMCheckKit"]),
        .library(name: "OktaSimulator", targets: ["OktaSimulator"]),
        .executable(name: "scimcheck-server-bench", targets: ["ServerBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        // Test doubles shared by the kit's and the simulator's unit tests.
        .target(
            name: "SCIMCheckTestSupport",
            dependencies: ["SCIMCheckKit", "SCIMCheckHTTP"],
            path: "Tests/Support",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SCIMCoreTests", dependencies: ["SCIMCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CurlTransportTests",
            dependencies: ["CurlTransport", "SCIMCheckHTTP"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SCIMServerTests",
            dependencies: [
                "SCIMServerSQLite", "SCIMServer", "SCIMCore", .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
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
            dependencies: ["OktaSimulator", "SCIMCheckKit", "SCIMCheckHTTP", "SCIMCore", "SCIMCheckTestSupport"],
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
                "scimcheck", "CurlTransport", "SCIMCheckHTTP", "SCIMCore",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
