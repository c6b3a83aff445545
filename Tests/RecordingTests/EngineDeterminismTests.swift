// The same seeded demo recorded twice gives the same bytes, whatever the thread timing.

import Foundation
import LeRobot
import Recording
import Testing

@Suite("Recording engine determinism")
struct EngineDeterminismTests {
    /// Records 2 demo episodes (one with a camera gap) into `root`.
    private func record(root: String, version: CodebaseVersion) async throws {
        let rig = DemoRig(seed: 42)
        let session = try RecordingSession(configuration: rig.configuration(root: root, version: version))
        try await session.start()
        let frame = session.makeFrame()
        try session.startEpisode(task: "stack")
        try rig.record(session, frame: frame, episode: 0, count: 18, skipCamera: [5])
        try session.saveEpisode()
        try session.startEpisode(task: "unstack")
        try rig.record(session, frame: frame, episode: 1, count: 13)
        let summary = await session.stop(timeout: .seconds(120))
        #expect(summary.commits == CommitCounts(committed: 2, failed: 0, pending: 0))
        let report = try Verifier().verify(root: root)
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    /// Every parquet/json/jsonl file under `root` by relative path; sidecars without capture times.
    private func contents(_ root: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(".parquet") || relative.hasSuffix(".json") || relative.hasSuffix(".jsonl") else { continue }
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)))
            if relative.hasPrefix("meta/episodic/") {
                // Capture times depend on the clock; everything else in the sidecar must match.
                guard case .object(let pairs) = try JSONValue.parse(String(decoding: bytes, as: UTF8.self)) else {
                    Issue.record("\(relative) is not a JSON object")
                    continue
                }
                bytes = Array(JSONValue.object(pairs.filter { $0.0 != "capture_offsets_ns" }).pythonJSON().utf8)
            }
            files[relative] = bytes
        }
        return files
    }

    @Test("two recordings of the same seeded demo have identical parquet and metadata bytes",
          arguments: [CodebaseVersion.v3_0, .v2_1])
    func sameBytes(version: CodebaseVersion) async throws {
        try requireFFmpeg()
        let dir = try engineTempDirectory("determinism")
        defer { try? FileManager.default.removeItem(atPath: dir) }  // best-effort cleanup of a temp dir
        try await record(root: dir + "/a", version: version)
        try await record(root: dir + "/b", version: version)
        let a = try contents(dir + "/a")
        let b = try contents(dir + "/b")
        #expect(a.keys.sorted() == b.keys.sorted())
        #expect(a.keys.contains("meta/info.json") && a.keys.contains("meta/episodic/episode-000001.json"))
        #expect(a.keys.contains { $0.hasPrefix("data/") && $0.hasSuffix(".parquet") })
        for (path, bytes) in a {
            #expect(b[path] == bytes, "\(path) differs between the two recordings")
        }
    }
}
