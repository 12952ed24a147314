// swift-tools-version: 6.2
import PackageDescription

/// Settings for the project's own Swift targets: warnings are errors, and the upcoming
/// features the swift-server anchors turn on.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "horizon",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "horizon", targets: ["horizon"]),
        .executable(name: "horizon-bench", targets: ["horizon-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C libraries, each reached by exactly one Swift module.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // The C library's allocator settings, which Swift cannot reach directly.
        .target(name: "CSystem"),

        // Pipeline stages, in the order data flows through them.
        .target(name: "HorizonCore", swiftSettings: strict),
        .target(name: "HorizonFetch", dependencies: ["CCurlShim"], swiftSettings: strict),
        // The only module that talks to libxml2; it must not import Foundation (ICU clash).
        .target(name: "HorizonXML", dependencies: ["CLibXML2"], swiftSettings: strict),
        .target(name: "HorizonParse", dependencies: ["HorizonXML", "HorizonCore"], swiftSettings: strict),
        .target(name: "HorizonCatalogue", dependencies: ["HorizonCore"], swiftSettings: strict),
        .target(name: "HorizonMatch", dependencies: ["HorizonCore"], swiftSettings: strict),
        .target(name: "HorizonDigest", dependencies: ["HorizonCore"], swiftSettings: strict),
        // Managing the feed list: OPML, discovery, edits to feeds.json.
        .target(
            name: "HorizonFeeds", dependencies: ["HorizonCore", "HorizonXML", "HorizonFetch", "HorizonParse"],
            swiftSettings: strict),
        .target(name: "HorizonSearch", dependencies: ["HorizonCore", "HorizonCatalogue", "HorizonMatch"], swiftSettings: strict),
        .target(
            name: "HorizonPipeline",
            dependencies: [
                "HorizonCore", "HorizonFetch", "HorizonParse", "HorizonCatalogue", "HorizonMatch", "HorizonDigest",
                "HorizonSearch", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "horizon",
            dependencies: [
                "HorizonCore", "HorizonPipeline", "HorizonDigest", "HorizonSearch", "HorizonCatalogue", "HorizonMatch",
                "HorizonFeeds", "CSystem", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // Benchmarks (figures quoted in the README and issue notes)
        .executableTarget(
            name: "horizon-bench",
            dependencies: [
                "HorizonCore", "HorizonXML", "HorizonParse", "HorizonMatch", "HorizonCatalogue", "HorizonSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // libFuzzer target for the parser (scripts/fuzz.sh); without -DFUZZING it replays files.
        .executableTarget(name: "horizon-fuzz", dependencies: ["HorizonParse"], swiftSettings: strict),

        // Tests
        .target(name: "HorizonTesting", path: "Tests/HorizonTesting", swiftSettings: strict),
        .testTarget(
            name: "HorizonTests",
            dependencies: [
                "HorizonCore", "HorizonFetch", "HorizonXML", "HorizonParse", "HorizonCatalogue",
                "HorizonMatch", "HorizonDigest", "HorizonSearch", "HorizonPipeline", "HorizonTesting", "HorizonFeeds",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["HorizonTesting"],
            swiftSettings: strict),
    ]
)
