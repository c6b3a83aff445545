// A deterministic synthetic dataset factory for writer/reader/verifier tests.

import Foundation
@testable import LeRobot

enum Synthetic {
    static let fps = 30
    static let lengths = [45, 30]
    static let taskNames = ["pick the cube", "place the cube"]

    static func features(image: Bool = false) throws -> Features {
        var user: [Feature] = [
            .vector("observation.state", names: (0..<6).map { "joint\($0)" }, unit: "rad"),
            .vector("action", names: (0..<6).map { "joint\($0)" }),
            .video("observation.images.front", height: 64, width: 96),
        ]
        if image { user.append(.image("observation.images.wrist", height: 8, width: 8)) }
        return try Features(user)
    }

    /// A tiny H.264 mp4 with `frames` frames at 30 fps (every pts exactly k/30), made by the ffmpeg CLI.
    static func makeVideo(frames: Int, in dir: String, name: String) throws -> String {
        let path = dir + "/" + name
        try Tool.run("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                                "testsrc=size=96x64:rate=30", "-frames:v", String(frames), "-c:v", "libx264",
                                "-g", "2", "-pix_fmt", "yuv420p", "-bf", "0", "-fflags", "+bitexact",
                                "-flags:v", "+bitexact", "-map_metadata", "-1", path])
        return path
    }

    /// Real 8x8 RGB PNGs with shades 0..<count, built by one python3 call (zlib + struct only).
    static func pngs(count: Int) throws -> [[UInt8]] {
        let script = """
        import zlib, struct
        def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
        for s in range(\(count)):
            raw = b''.join(b'\\x00' + bytes([s % 256, 0, 255 - s % 256]) * 8 for _ in range(8))
            png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8, 8, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
            print(png.hex())
        """
        return try Tool.python(script).split(separator: "\n").map { line in
            var bytes: [UInt8] = []
            var i = line.startIndex
            while i < line.endIndex {
                let j = line.index(i, offsetBy: 2)
                bytes.append(UInt8(line[i..<j], radix: 16)!)
                i = j
            }
            return bytes
        }
    }

    static func cameraStats(length: Int, shade: Int) throws -> FeatureStatistics {
        var acc = ImageStatsAccumulator(height: 8, width: 8, episodeLength: length)
        for i in 0..<length {
            var frame = [UInt8](repeating: 0, count: 8 * 8 * 3)
            for p in 0..<64 { frame[p * 3] = UInt8((shade + i) % 256); frame[p * 3 + 2] = UInt8(255 - (shade % 256)) }
            try acc.add(frameIndex: i, rgb: frame)
        }
        return acc.statistics()!
    }

    /// Writes the synthetic dataset (2 episodes, 45 and 30 frames) into `root`.
    @discardableResult
    static func write(root: String, version: CodebaseVersion = .v3_0, image: Bool = false, videoDir: String) throws -> DatasetWriter {
        let info = DatasetInfo(version: version, fps: fps, features: try features(image: image), robotType: "synthetic_arm")
        let writer = try DatasetWriter(root: root, info: info)
        let images = image ? try pngs(count: 80) : []
        for (e, length) in lengths.enumerated() {
            try writer.addEpisode(try input(episode: e, length: length, image: image, images: images, videoDir: videoDir))
        }
        return writer
    }

    /// The task of synthetic episode `e`: the two base tasks alternate; episodes 3+ add a third.
    static func task(_ e: Int) -> String { e >= 3 ? "stack the cube" : taskNames[e % 2] }

    /// Synthetic episode `e`: sine joint states (phase depends on `e`), action = next state,
    /// one ffmpeg `testsrc` mp4 of `length` frames made in `videoDir`.
    static func input(episode e: Int, length: Int, image: Bool = false, images: [[UInt8]] = [], videoDir: String,
                      handoff: EpisodeVideo.Handoff = .copy) throws -> EpisodeInput {
        let (state, action) = stateAndAction(episode: e, length: length)
        let video = try makeVideo(frames: length, in: videoDir, name: "ep\(e).mp4")
        var columns: [String: FrameColumn] = ["observation.state": .float32(state), "action": .float32(action)]
        var cams: [String: FeatureStatistics] = ["observation.images.front": try cameraStats(length: length, shade: 40 * e)]
        if image {
            columns["observation.images.wrist"] = .png((0..<length).map { images[$0 + e] })
            cams["observation.images.wrist"] = try cameraStats(length: length, shade: 7 + e)
        }
        return EpisodeInput(
            length: length, task: task(e), columns: columns,
            videos: ["observation.images.front": EpisodeVideo(path: video, frameCount: length, handoff: handoff)],
            cameraStats: cams)
    }

    /// Row-major `observation.state` and `action` of synthetic episode `e`.
    static func stateAndAction(episode e: Int, length: Int) -> (state: [Float], action: [Float]) {
        var state: [Float] = [], action: [Float] = []
        for i in 0...length {
            let t = Double(i) / Double(fps)
            var row: [Float] = []
            for j in 0..<6 {
                let frequency: Double = 0.5 + 0.25 * Double(j)
                let phase: Double = 0.3 * Double(j) + Double(e)
                row.append(Float(sin(2 * Double.pi * frequency * t + phase)))
            }
            if i < length { state += row }
            if i > 0 { action += row }
        }
        return (state, action)
    }
}
