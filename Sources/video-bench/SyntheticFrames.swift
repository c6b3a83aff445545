/// Moving synthetic camera frames for the benchmark: a gradient, a bar sweeping across, and
/// seeded noise (so the encoder cannot cheat on flat content). Precomputed once; frame k of a
/// camera is `frames[(k + offset) % count]`.
struct SyntheticFrames {
    let width: Int
    let height: Int
    let frames: [[UInt8]]

    init(width: Int, height: Int, count: Int, seed: UInt64) {
        self.width = width
        self.height = height
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var all: [[UInt8]] = []
        for k in 0..<count {
            var frame = [UInt8](repeating: 0, count: width * height * 3)
            let barX = (k * width / count)
            for y in 0..<height {
                for x in 0..<width {
                    let i = (y * width + x) * 3
                    let noise = UInt8(truncatingIfNeeded: next() & 0x1f)
                    let onBar = abs(x - barX) < width / 16
                    frame[i] = onBar ? 250 : UInt8(truncatingIfNeeded: x * 255 / width) &+ noise
                    frame[i + 1] = UInt8(truncatingIfNeeded: y * 255 / height) &+ noise
                    frame[i + 2] = UInt8(truncatingIfNeeded: (x + y + k * 8) & 0xff)
                }
            }
            all.append(frame)
        }
        frames = all
    }
}
