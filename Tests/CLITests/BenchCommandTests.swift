import Foundation
import Testing

/// `episodic bench` on a tiny workload: the JSON object has every documented field with
/// values that follow from the workload (speed itself is never asserted).
@Suite("episodic bench")
struct BenchCommandTests {
    @Test("--json prints one object: counts follow the workload, every episode committed, dataset verified")
    func json() throws {
        let r = try EpisodicBinary.run(["bench", "--cameras", "2", "--width", "64", "--height", "48", "--episodes", "2",
                                        "--episode-seconds", "0.5", "--json"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "cameras", "width", "height", "fps", "episodes", "episode_seconds", "codec", "add_frame_us",
            "add_frame_over_frame_period", "save_episode_us", "episode_end_to_durable_ms", "wall_seconds", "cpu_seconds",
            "peak_rss_mb", "streams", "committed", "failed", "verified", "verify_problems",
        ])
        #expect((object["add_frame_us"] as? [String: Any])?["n"] as? Int == 30)
        #expect((object["save_episode_us"] as? [String: Any])?["n"] as? Int == 2)
        #expect((object["episode_end_to_durable_ms"] as? [Any])?.count == 2)
        #expect(object["committed"] as? Int == 2 && object["failed"] as? Int == 0)
        #expect(object["verified"] as? Bool == true)
        let streams = try #require(object["streams"] as? [[String: Any]])
        #expect(streams.map { $0["name"] as? String } == ["observation.images.cam0", "observation.images.cam1",
                                                          "observation.images.cam0", "observation.images.cam1"])
        #expect(streams.allSatisfy { $0["frames"] as? Int == 15 })
    }

    @Test("bad flags are refused like record's")
    func refused() throws {
        let r = try EpisodicBinary.run(["bench", "--codec", "mpeg2"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("episodic: ERR_USAGE: --codec mpeg2 is not a codec\nhint: "))
    }
}
