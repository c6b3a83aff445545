// swift-tools-version: 6.1
//
// Benchmarks for Episodic, in their own package so ordinary builds of the root
// package never fetch or build the benchmark harness.
//
//   swift package benchmark                      (ordo-one: time, allocations)
//   bash scripts/compare-parquet.sh              (Swift vs pyarrow, rows/s and peak RSS)
//   bash scripts/ReadBenchmark.sh                (read side: Swift reader vs pyarrow)

import PackageDescription

let package = Package(
    name: "EpisodicBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Episodic", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
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
    ]
)
