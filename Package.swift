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

        // Stages, in the order data flows through them; each imports only the stages before it.
        .target(name: "HorizonCore", swiftSettings: strict),
        // The only module that talks to libcurl: feed transfers, SMTP and webhook posts.
        .target(name: "HorizonTransport", dependencies: ["CCurlShim", "HorizonCore"], swiftSettings: strict),
        // The only module that talks to libxml2; it must not import Foundation (ICU clash).
        .target(name: "HorizonXML", dependencies: ["CLibXML2"], swiftSettings: strict),
        .target(name: "HorizonParse", dependencies: ["HorizonXML", "HorizonCore"], swiftSettings: strict),
        // Which feeds to fetch, what to send, and what each answer means for a feed's state.
        .target(
            name: "HorizonFetchPolicy", dependencies: ["HorizonCore", "HorizonTransport", "HorizonParse"],
            swiftSettings: strict),
        .target(name: "HorizonCatalogue", dependencies: ["HorizonCore"], swiftSettings: strict),
        // Words as matching and search read them: folding, spelling variants, stems.
        .target(name: "HorizonText", dependencies: ["HorizonCore"], swiftSettings: strict),
        .target(name: "HorizonMatch", dependencies: ["HorizonCore", "HorizonText"], swiftSettings: strict),
        // From stories to innovations: identifiers found in text.
        .target(name: "HorizonInnovations", dependencies: ["HorizonCore"], swiftSettings: strict),
        .target(
            name: "HorizonSearch", dependencies: ["HorizonCore", "HorizonCatalogue", "HorizonText"],
            swiftSettings: strict),
        .target(name: "HorizonDigest", dependencies: ["HorizonCore"], swiftSettings: strict),
        // The hub's static horizon site: pages, chart, search index and script.
        .target(
            name: "HorizonSite", dependencies: ["HorizonCore", "HorizonCatalogue", "HorizonInnovations"],
            swiftSettings: strict),
        // Digest email and webhooks, over HorizonTransport.
        .target(
            name: "HorizonDelivery", dependencies: ["HorizonCore", "HorizonDigest", "HorizonTransport"],
            swiftSettings: strict),
        // Managing the feed list: OPML, discovery, edits to feeds.json.
        .target(
            name: "HorizonFeeds", dependencies: ["HorizonCore", "HorizonXML", "HorizonTransport", "HorizonParse"],
            swiftSettings: strict),
        // Composes the stages: the fetch run and the digest run.
        .target(
            name: "HorizonPipeline",
            dependencies: [
                "HorizonCore", "HorizonTransport", "HorizonParse", "HorizonFetchPolicy", "HorizonCatalogue",
                "HorizonText", "HorizonMatch", "HorizonInnovations", "HorizonSearch", "HorizonDigest",
                "HorizonDelivery", "HorizonSite",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // Only wires: arguments, one library call per command, printing, exit codes.
        .executableTarget(
            name: "horizon",
            dependencies: [
                "HorizonCore", "HorizonParse", "HorizonCatalogue", "HorizonMatch", "HorizonSearch", "HorizonFeeds",
                "HorizonInnovations", "HorizonPipeline", "CSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict,
            linkerSettings: [.linkedLibrary("mimalloc")]),

        // Benchmarks (figures quoted in the README and issue notes)
        .executableTarget(
            name: "horizon-bench",
            dependencies: [
                "HorizonCore", "HorizonXML", "HorizonParse", "HorizonText", "HorizonMatch", "HorizonCatalogue",
                "HorizonSearch", "HorizonInnovations", "HorizonSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            linkerSettings: [.linkedLibrary("mimalloc")]),

        // libFuzzer target for the parser (scripts/fuzz.sh); without -DFUZZING it replays files.
        .executableTarget(name: "horizon-fuzz", dependencies: ["HorizonParse"], swiftSettings: strict),

        // Tests
        .target(name: "HorizonTesting", path: "Tests/HorizonTesting", swiftSettings: strict),
        .testTarget(
            name: "HorizonTests",
            dependencies: [
                "HorizonCore", "HorizonTransport", "HorizonXML", "HorizonParse", "HorizonFetchPolicy",
                "HorizonCatalogue", "HorizonText", "HorizonMatch", "HorizonSearch", "HorizonDigest", "HorizonDelivery",
                "HorizonFeeds", "HorizonInnovations", "HorizonSite", "HorizonPipeline", "HorizonTesting",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["HorizonTesting"],
            swiftSettings: strict),
    ]
)
