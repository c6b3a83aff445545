// Verifier checks on the mp4 files.

import Foundation

extension Verifier.Context {
    mutating func checkVideos(_ inspector: any VideoInspector) {
        // Group episodes by file, in metadata order (several episodes may share one mp4).
        var byFile: [(path: String, segments: [(episode: EpisodeEntry, video: EpisodeEntry.Video)])] = []
        for e in reader.episodes {
            for v in e.videos {
                if let i = byFile.firstIndex(where: { $0.path == v.path }) {
                    byFile[i].segments.append((e, v))
                } else {
                    byFile.append((v.path, [(e, v)]))
                }
            }
        }
        let fps = info.fps
        for (rel, segments) in byFile {
            let path = root + "/" + rel
            guard FileManager.default.fileExists(atPath: path) else {
                report(.videoMissing, rel, "missing (episodes \(segments.map { String($0.episode.episodeIndex) }.joined(separator: ", ")))",
                       hint: "restore the video; lerobot will otherwise try to download it from the Hub")
                continue
            }
            let facts: VideoFacts
            do {
                facts = try inspector.inspect(path)
            } catch {
                report(.videoUnreadable, rel, "cannot probe: \(error)", hint: "the mp4 is incomplete or corrupt; re-encode the episode")
                continue
            }
            let rows = segments.reduce(0) { $0 + $1.episode.length }
            if facts.frameCount != rows {
                report(.frameCountMismatch, rel, "\(facts.frameCount) frames, episodes have \(rows) rows",
                       hint: "the video must have exactly one frame per parquet row; re-encode or duplicate missing frames")
                continue
            }
            var start = 0
            for (e, v) in segments {
                let expected = Double(start) / Double(fps)
                if abs(v.fromTimestamp - expected) > 1e-9 || abs(v.toTimestamp - Double(start + e.length) / Double(fps)) > 1e-6 {
                    report(.videoTimestamp, rel,
                           "episode \(e.episodeIndex) spans \(v.fromTimestamp)..\(v.toTimestamp) s, expected \(expected)..\(Double(start + e.length) / Double(fps))",
                           hint: "from_timestamp must be frames before the episode in this file / fps")
                }
                start += e.length
            }
            if let bad = (0..<facts.frameCount).first(where: { !facts.isAtExactTime(frame: $0, fileFrame: $0, fps: fps) }) {
                let t = facts.frameTimes[bad]
                report(.videoTimestamp, rel, "frame \(bad) is at \(t.numerator)/\(t.denominator) s, expected \(bad)/\(fps)",
                       hint: "encode at constant frame rate with pts k/fps (timescale a multiple of fps, start 0)")
            }
        }
    }
}
