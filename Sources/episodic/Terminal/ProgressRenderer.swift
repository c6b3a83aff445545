import Foundation

/// Turns a ``ProgressSnapshot`` into the lines of the live progress screen, and those lines into
/// the bytes to write: redrawn in place with ANSI escapes on a terminal, or one plain summary
/// line per update otherwise (logs, pipes, CI).
///
/// Pure functions of their inputs (no clock, no terminal queries), so tests compare the output
/// exactly. Counters come straight from the snapshot: the screen shows live frame counts from
/// the first tick, never a placeholder 0 waiting for an episode to finish.
enum ProgressRenderer {
    /// The full screen: header, one row per stream, episodes, disk, keys.
    static func lines(_ s: ProgressSnapshot) -> [String] {
        var out: [String] = []
        let header = "episode \(s.episode + 1)/\(s.episodesTotal)  \(s.phase.rawValue)  "
            + "\(clock(s.phaseElapsed)) / \(clock(s.phaseSeconds))  "
            + "(elapsed \(clock(s.sessionElapsed)), ~\(clock(s.sessionRemaining)) left)"
        out.append(header)
        let nameWidth = max(s.streams.map(\.name.count).max() ?? 0, 6)
        out.append(pad("stream", nameWidth) + "  " + left("frames", 7) + "  " + left("fps", 6) + "  "
                   + left("gaps", 5) + "  " + left("queue", 9))
        for stream in s.streams {
            let queue = stream.queueDepth.map { depth in "\(depth)/\(stream.queueCapacity.map(String.init) ?? "?")" } ?? "-"
            out.append(pad(stream.name, nameWidth) + "  " + left(String(stream.frames), 7) + "  "
                       + left(String(format: "%.1f", stream.fps), 6) + "  " + left(String(stream.gaps), 5) + "  "
                       + left(queue, 9))
        }
        out.append("episodes  queued \(s.queued)  committing \(s.committing)  committed \(s.committed)  failed \(s.failed)")
        var status = "disk free \(s.diskFree.map(bytes) ?? "unknown")"
        if let rejected = s.rejectedStates { status += "  rejected state lines \(rejected)" }
        out.append(status)
        if s.showKeys { out.append("keys: n/→ save+next  r/← re-record  e/Esc save+exit  space pause") }
        return out
    }

    /// One line for non-terminal output: the header plus per-stream frames and gaps.
    static func plainLine(_ s: ProgressSnapshot) -> String {
        let streams = s.streams.map { "\($0.name)=\($0.frames)f/\($0.gaps)g" }.joined(separator: " ")
        return "[\(clock(s.sessionElapsed))] episode \(s.episode + 1)/\(s.episodesTotal) \(s.phase.rawValue) "
            + "\(clock(s.phaseElapsed))/\(clock(s.phaseSeconds)) \(streams) "
            + "committed \(s.committed) committing \(s.committing) queued \(s.queued) failed \(s.failed)"
    }

    /// The bytes that replace a previously drawn screen of `previousLineCount` lines with `lines`:
    /// cursor up to the first line, then each line cleared and rewritten; lines left over from a
    /// longer previous screen are cleared.
    static func redraw(_ lines: [String], previousLineCount: Int) -> String {
        var out = previousLineCount > 0 ? "\u{1B}[\(previousLineCount)F" : ""
        for line in lines { out += "\u{1B}[2K" + line + "\n" }
        if previousLineCount > lines.count {
            for _ in lines.count..<previousLineCount { out += "\u{1B}[2K\n" }
            out += "\u{1B}[\(previousLineCount - lines.count)F"
        }
        return out
    }

    /// `mm:ss.t` for under an hour, `h:mm:ss` above.
    static func clock(_ seconds: Double) -> String {
        let value = max(seconds, 0)
        if value >= 3600 {
            let total = Int(value)
            return String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
        }
        let tenths = Int((value * 10).rounded(.down))
        return String(format: "%02d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10)
    }

    /// Bytes in binary units with one decimal (`12.3 GiB`).
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
