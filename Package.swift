// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "waymark",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "waymark", targets: ["waymark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        // Pure domain: Foundation only, no I/O, no clock.
        .target(name: "WaymarkCore"),
        .target(
            name: "WaymarkStore",
            dependencies: [
                "WaymarkCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        .target(
            name: "WaymarkWeb",
            dependencies: [
                "WaymarkCore",
                "WaymarkStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            exclude: ["Passwords/SOURCE.md", "Passwords/regenerate.sh"],
            resources: [.copy("Public"), .copy("openapi.yaml"), .copy("Passwords/common-passwords.txt")]
        ),
        .executableTarget(
            name: "waymark",
            dependencies: [
                "WaymarkWeb",
                "WaymarkStore",
                "WaymarkCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "WaymarkCoreTests", dependencies: ["WaymarkCore"]),
        .testTarget(
            name: "WaymarkWebTests",
            dependencies: [
                "WaymarkWeb",
                "WaymarkStore",
                "WaymarkCore",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
