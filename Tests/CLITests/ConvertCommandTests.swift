import Foundation
import Testing

/// Runs python3 with pyarrow on `script`, returning stdout (fails clearly when pyarrow is missing).
func python(_ script: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0,
                 "python3 failed (pyarrow installed? scripts/setup.sh --test): \(String(decoding: errors, as: UTF8.self))")
    return String(decoding: data, as: UTF8.self)
}

/// `episodic convert` both directions, on lerobot's reference datasets and on one we record.
@Suite("episodic convert")
struct ConvertCommandTests {
    @Test("lerobot's v3.0 reference → v2.1: verified, episode 1's rows and tasks carried over exactly")
    func referenceV30ToV21() throws {
        let out = temporaryPath("conv-21")
        defer { removeTree(out) }
        let source = VerifyInfoCommandTests.reference + "/lerobot-v3.0-tiny"
        let r = try EpisodicBinary.run(["convert", source, "--to", "v2.1", "--output", out])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("→ \(out) (LeRobot v2.1): 2 episodes, 90 frames, verified"))
        let check = try python("""
            import pyarrow.parquet as pq
            a = pq.read_table('\(source)/data/chunk-000/file-000.parquet').to_pydict()
            b = pq.read_table('\(out)/data/chunk-000/episode_000001.parquet').to_pydict()
            print(a['observation.state'][45:] == b['observation.state'], a['action'][45:] == b['action'],
                  b['index'][0], b['task_index'][0], len(b['index']))
            """)
        #expect(check == "True True 45 1 45\n")
        let tasks = try String(contentsOfFile: out + "/meta/tasks.jsonl", encoding: .utf8)
        #expect(tasks == "{\"task_index\": 0, \"task\": \"pick the cube\"}\n{\"task_index\": 1, \"task\": \"place the cube\"}\n")
    }

    @Test("lerobot's v2.1 reference → v3.0: verified (camera quantiles recomputed), rows carried over exactly")
    func referenceV21ToV30() throws {
        let out = temporaryPath("conv-30")
        defer { removeTree(out) }
        let source = VerifyInfoCommandTests.reference + "/lerobot-v2.1-tiny"
        let r = try EpisodicBinary.run(["convert", source, "--to", "v3.0", "--output", out])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("(LeRobot v3.0): 2 episodes, 90 frames, verified"))
        let check = try python("""
            import pyarrow.parquet as pq
            a = pq.read_table('\(source)/data/chunk-000/episode_000001.parquet').to_pydict()
            b = pq.read_table('\(out)/data/chunk-000/file-001.parquet').to_pydict()
            print(a['observation.state'] == b['observation.state'], a['index'] == b['index'])
            """)
        #expect(check == "True True\n")
    }

    @Test("a recorded dataset: v3.0 → v2.1 → v3.0 verifies at each step and the data files come back byte for byte")
    func roundTrip() throws {
        let original = temporaryPath("conv-orig"), v21 = temporaryPath("conv-rt21"), back = temporaryPath("conv-rt30")
        defer { removeTree(original); removeTree(v21); removeTree(back) }
        let rec = try EpisodicBinary.run(["record", "--output", original] + RecordCommandTests.small)
        #expect(rec.status == 0, "\(rec.stderr)")
        let first = try EpisodicBinary.run(["convert", original, "--to", "v2.1", "--output", v21])
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        let second = try EpisodicBinary.run(["convert", v21, "--to", "v3.0", "--output", back])
        #expect(second.status == 0, "\(second.stdout)\n\(second.stderr)")
        for file in ["data/chunk-000/file-000.parquet", "data/chunk-000/file-001.parquet"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: original + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: back + "/" + file))
            #expect(a == b, "\(file) changed in the round trip")
        }
        #expect(try EpisodicBinary.run(["verify", v21]).stdout.contains("LeRobot v2.1, 2 episodes, 60 frames"))
    }

    @Test("refusals: unknown format, non-empty output, not a dataset")
    func refusals() throws {
        let out = temporaryPath("conv-ref")
        defer { removeTree(out) }
        let source = VerifyInfoCommandTests.reference + "/lerobot-v3.0-tiny"
        let bad = try EpisodicBinary.run(["convert", source, "--to", "v4", "--output", out])
        #expect(bad.status == 2 && bad.stderr.hasPrefix("episodic: ERR_USAGE: --to v4 is not a dataset format\nhint: "))
        let existing = try EpisodicBinary.run(["convert", source, "--to", "v2.1", "--output", source])
        #expect(existing.status == 2 && existing.stderr.contains("ERR_OUTPUT_NOT_EMPTY"))
        let notDataset = try EpisodicBinary.run(["convert", "/nonexistent", "--to", "v2.1", "--output", out])
        #expect(notDataset.status == 2 && notDataset.stderr.contains("ERR_NOT_A_DATASET"), "\(notDataset.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
