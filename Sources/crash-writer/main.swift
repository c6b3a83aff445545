// crash-writer: a tiny real writer process for the crash tests (kill -9 at commit steps or at random).
//
// Usage: crash-writer ROOT --episodes N [--cache DIR] [--no-camera] [--copy] [--v21]
//
// Creates ROOT (or resumes it when it has meta/info.json) and writes synthetic episodes until the
// dataset has N. Episode e has length 4 + e % 3; observation.state row i is [e*1000 + i, -(e*1000 + i)],
// action row i is [e + i/8, 2]; its task is "task \(e % 2)". With a camera, the episode's mp4 (ffmpeg
// testsrc, 32x32, made once per length into --cache) is copied into ROOT/.episodic/spool/ and then
// moved into the dataset (EpisodeVideo.handoff = .move), as the recording engine does; --copy copies
// instead. Prints "committed <e>" (flushed) after each addEpisode returns. Honours EPISODIC_CRASH_AT.
// Exit status: 0 done, 1 on a writer error (printed), 64 on bad usage.

import Foundation
import LeRobot

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("crash-writer: \(message)\n".utf8))
    exit(status)
}

var args = Array(CommandLine.arguments.dropFirst())
guard let root = args.first, !root.hasPrefix("-") else {
    fail("usage: crash-writer ROOT --episodes N [--cache DIR] [--no-camera] [--copy]", status: 64)
}
args.removeFirst()
var episodes = 3
var cache = NSTemporaryDirectory() + "/episodic-crash-writer-cache"
var camera = true
var handoff = EpisodeVideo.Handoff.move
var version = CodebaseVersion.v3_0
while let flag = args.first {
    args.removeFirst()
    switch flag {
    case "--episodes":
        guard let n = args.first.flatMap({ Int($0) }) else { fail("--episodes needs a number", status: 64) }
        episodes = n
        args.removeFirst()
    case "--cache":
        guard let dir = args.first else { fail("--cache needs a directory", status: 64) }
        cache = dir
        args.removeFirst()
    case "--no-camera": camera = false
    case "--copy": handoff = .copy
    case "--v21": version = .v2_1
    default: fail("unknown option \(flag)", status: 64)
    }
}

let cameraName = "observation.images.cam"
var user: [Feature] = [.vector("observation.state", names: ["a", "b"]), .vector("action", names: ["a", "b"])]
if camera { user.append(.video(cameraName, height: 32, width: 32)) }

/// A cached testsrc mp4 with `frames` frames (made atomically: temp name, then rename).
func template(frames: Int, cache: String) -> String {
    let path = "\(cache)/testsrc-\(frames).mp4"
    if FileManager.default.fileExists(atPath: path) { return path }
    do {
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
    } catch {
        fail("cannot create \(cache): \(error)")
    }
    let temp = "\(cache)/.testsrc-\(frames)-\(getpid()).mp4"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=32x32:rate=30",
                   "-frames:v", String(frames), "-c:v", "libx264", "-g", "2", "-pix_fmt", "yuv420p", "-bf", "0",
                   "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", "-f", "mp4", temp]
    do { try p.run() } catch { fail("cannot run ffmpeg (install it with scripts/setup.sh): \(error)") }
    p.waitUntilExit()
    guard p.terminationStatus == 0, rename(temp, path) == 0 else { fail("ffmpeg could not make \(path)") }
    return path
}

do {
    let info = DatasetInfo(version: version, fps: 30, features: try Features(user), robotType: "crash_test")
    let writer = FileManager.default.fileExists(atPath: root + "/meta/info.json")
        ? try DatasetWriter(resuming: root, expecting: info)
        : try DatasetWriter(root: root, info: info)
    while writer.episodes.count < episodes {
        let e = writer.episodes.count
        let length = 4 + e % 3
        var state: [Float] = [], action: [Float] = []
        for i in 0..<length {
            state += [Float(e * 1000 + i), -Float(e * 1000 + i)]
            action += [Float(e) + Float(i) / 8, 2]
        }
        var videos: [String: EpisodeVideo] = [:]
        var cameraStats: [String: FeatureStatistics] = [:]
        if camera {
            let spool = root + "/.episodic/spool"
            try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
            let source = "\(spool)/episode-\(e).mp4"
            if FileManager.default.fileExists(atPath: source) { try FileManager.default.removeItem(atPath: source) }
            try FileManager.default.copyItem(atPath: template(frames: length, cache: cache), toPath: source)
            videos[cameraName] = EpisodeVideo(path: source, frameCount: length, handoff: handoff)
            var acc = ImageStatsAccumulator(height: 2, width: 2, episodeLength: length)
            for i in 0..<length { try acc.add(frameIndex: i, rgb: [UInt8](repeating: UInt8(i * 10 + e), count: 12)) }
            cameraStats[cameraName] = acc.statistics()
        }
        try writer.addEpisode(EpisodeInput(length: length, task: "task \(e % 2)",
                                           columns: ["observation.state": .float32(state), "action": .float32(action)],
                                           videos: videos, cameraStats: cameraStats))
        // Written straight to fd 1 (no stdio buffer) so a SIGKILL right after cannot lose the line.
        FileHandle.standardOutput.write(Data("committed \(e)\n".utf8))
    }
} catch {
    fail("\(error)")
}
