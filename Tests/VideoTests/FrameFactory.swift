@testable import Video

/// Synthetic rgb24 frames with known content.
enum FrameFactory {
    /// A frame filled with one colour.
    static func solid(width: Int, height: Int, _ r: UInt8, _ g: UInt8, _ b: UInt8) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for i in stride(from: 0, to: bytes.count, by: 3) {
            bytes[i] = r; bytes[i + 1] = g; bytes[i + 2] = b
        }
        return bytes
    }

    /// The colour the test streams use for frame `index`: a new solid colour every 30 frames.
    static func colour(forFrame index: Int) -> (UInt8, UInt8, UInt8) {
        let palette: [(UInt8, UInt8, UInt8)] = [(200, 30, 30), (30, 200, 30), (30, 30, 200), (220, 220, 40)]
        return palette[(index / 30) % palette.count]
    }

    /// Mean colour of an rgb24 frame.
    static func mean(_ frame: [UInt8]) -> (Double, Double, Double) {
        var sum = (0, 0, 0)
        for i in stride(from: 0, to: frame.count, by: 3) {
            sum.0 += Int(frame[i]); sum.1 += Int(frame[i + 1]); sum.2 += Int(frame[i + 2])
        }
        let n = Double(frame.count / 3)
        return (Double(sum.0) / n, Double(sum.1) / n, Double(sum.2) / n)
    }

    /// Whether a decoded frame's mean colour is within `tolerance` of `expected` per channel.
    static func matches(_ frame: [UInt8], _ expected: (UInt8, UInt8, UInt8), tolerance: Double = 8) -> Bool {
        let m = mean(frame)
        return abs(m.0 - Double(expected.0)) <= tolerance && abs(m.1 - Double(expected.1)) <= tolerance
            && abs(m.2 - Double(expected.2)) <= tolerance
    }
}

extension StreamingVideoEncoder {
    /// Submits `frame` and returns the outcome (test convenience over the raw-pointer API).
    func submit(_ frame: [UInt8]) -> SubmitOutcome {
        frame.withUnsafeBytes { submit($0) }
    }
}
