// swift-tools-version: 6.1
//
// Benchmarks for Episodic, in their own package so ordinary builds of the root
// package never fetch or build the benchmark harness.
//
//   swift package benchmark                      (ordo-one: time, allocations)
//   swift package benchmark --target RecordingEngineBenchmark --scale
//                                                (does RecordingSession.addFrame allocate? raw
//                                                 counts per 1,000 frames; or run
//                                                 bash scripts/recording-allocations.sh [--stacks])
//   bash scripts/compare-parquet.sh              (Swift vs pyarrow, rows/s and peak RSS)
//   bash scripts/ReadBenchmark.sh                (read side: Swift reader vs pyarrow)

import PackageDescription

let package = Package(
    name: "EpisodicBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Episodic", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        // Already a dependency of the benchmark package (MallocInterposer trait); named here for
        // its allocation hook, which RecordingEngineBenchmark uses to count one thread's allocations.
        .package(url: "https://github.com/ordo-one/malloc-interposer.git", from: "1.5.0"),
    ],
    targets: [
        // The robot-episode table both benchmarks write (shared so they measure the same thing).
        .target(
            name: "ParquetWorkload",
            dependencies: [.product(name: "Parquet", package: "Episodic")],
            path: "Sources/ParquetWorkload"),
        // Prints rows/s and peak RSS as JSON; run in release by scripts/compare-parquet.sh.
        .executableTarget(
            name: "parquet-write-bench",
            dependencies: ["ParquetWorkload", .product(name: "Parquet", package: "Episodic")],
            path: "Sources/parquet-write-bench"),
        // ordo-one benchmark: wall clock, allocations, peak memory of the writer.
        .executableTarget(
            name: "ParquetWriterBenchmark",
            dependencies: [
                "ParquetWorkload",
                .product(name: "Parquet", package: "Episodic"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ParquetWriter",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Reads the benchmark table back and prints rows/s and peak RSS as JSON;
        // run in release by scripts/ReadBenchmark.sh next to pyarrow.
        .executableTarget(
            name: "ReadBenchmark",
            dependencies: ["ParquetWorkload", .product(name: "Parquet", package: "Episodic")],
            path: "Sources/ReadBenchmark"),
        // ordo-one benchmark: wall clock, allocations, peak memory of the reader.
        .executableTarget(
            name: "ReadBenchmarkOrdo",
            dependencies: [
                "ParquetWorkload",
                .product(name: "Parquet", package: "Episodic"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ReadBenchmarkOrdo",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // ordo-one benchmark: allocations of the whole RecordingSession.addFrame path on a real
        // session (process-wide and on the calling thread only), wall clock, peak memory.
        .executableTarget(
            name: "RecordingEngineBenchmark",
            dependencies: [
                .product(name: "Recording", package: "Episodic"),
                .product(name: "LeRobot", package: "Episodic"),
                .product(name: "Video", package: "Episodic"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Benchmarks/RecordingEngine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
