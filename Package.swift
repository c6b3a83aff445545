// swift-tools-version: 6.1
//
// Episodic: record robot and simulation episodes into LeRobot datasets without
// ever making the robot or its operator wait.
//
// One module per concern; dependencies point down only:
//   episodic (CLI) → Recording → LeRobot → Parquet
//                              → Video
// Benchmarks live in their own package under Benchmarks/ so ordinary builds
// never fetch or build the benchmark harness.

import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Episodic",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "episodic", targets: ["episodic"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "LeRobot", targets: ["LeRobot"]),
        .library(name: "Video", targets: ["Video"]),
        .library(name: "Recording", targets: ["Recording"]),
        .library(name: "RobotSources", targets: ["RobotSources"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.2.0"),
    ],
    targets: [
        // C system libraries, each in its own small shim target.
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CSnappy", pkgConfig: "snappy",
            providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        .target(
            name: "Parquet",
            dependencies: ["CZstd", "CSnappy"],
            swiftSettings: strictSettings),
        // Crash-safe file writes (temp, fsync, rename, fsync dir): the one implementation
        // LeRobot and Video share. Depends on nothing.
        .target(
            name: "DurableIO",
            swiftSettings: strictSettings),
        .target(
            name: "LeRobot",
            dependencies: ["Parquet", "Video", "DurableIO", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        .target(
            name: "Video",
            dependencies: ["CZlib", "DurableIO", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings),
        .target(
            name: "Recording",
            dependencies: [
                "LeRobot", "Video",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Atomics", package: "swift-atomics"),
            ],
            swiftSettings: strictSettings),
        // Prints FrameRing.push latency percentiles and allocation counts as JSON; not a test
        // (speed is not asserted). CAllocationCounter replaces malloc, so only ring-bench links it.
        .target(name: "CAllocationCounter"),
        .executableTarget(
            name: "ring-bench",
            dependencies: ["Recording", "Video", "CAllocationCounter"],
            swiftSettings: strictSettings),
        // LeRobot's recorder benchmark workload through RecordingSession; prints JSON (not a test).
        .executableTarget(
            name: "engine-bench",
            dependencies: ["Recording", "LeRobot", "Video"],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "video-bench",
            dependencies: ["Video"],
            swiftSettings: strictSettings),
        // Writes synthetic episodes and honours EPISODIC_CRASH_AT: the process the crash tests kill.
        .executableTarget(
            name: "crash-writer",
            dependencies: ["LeRobot"],
            swiftSettings: strictSettings),
        .target(
            name: "RobotSources",
            swiftSettings: strictSettings),
        .executableTarget(
            name: "episodic",
            dependencies: [
                "Parquet", "LeRobot", "Video", "Recording", "RobotSources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings),

        .testTarget(
            name: "ParquetTests",
            dependencies: ["Parquet", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Scripts"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings),
        .testTarget(
            name: "LeRobotTests",
            dependencies: ["LeRobot", "Parquet", "DurableIO", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSettings),
        .testTarget(
            name: "VideoTests",
            dependencies: ["Video"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RecordingTests",
            dependencies: [
                "Recording", "LeRobot", "Video", "RobotSources", "Parquet",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Atomics", package: "swift-atomics"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RobotSourcesTests",
            dependencies: ["RobotSources"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "CLITests",
            dependencies: ["Parquet", "LeRobot", "episodic"],
            swiftSettings: strictSettings),
    ]
)
