// The benchmark's inputs: LeRobot's recorder benchmark workload, pre-generated.

/// Command-line settings (same names as `bench_lerobot.py` where they overlap).
struct BenchOptions {
    var episodes = 3
    var seconds = 10.0
    var fps = 30
    var root = "/tmp/bench-episodic-engine"
    var out: String?
    var paced = true
    var codec = "h264"
    var threads: Int?
    /// `inplace`: cameras rendered (here: memcpy'd) into the encoder's slot with withCameraBuffer
    /// before addFrame; `borrow`: setCamera hands the caller's buffer and addFrame copies it.
    var cameraMode = "inplace"

    init(arguments: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fatalError("missing value after \(arguments[i - 1])") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--episodes": episodes = Int(value())!
            case "--seconds": seconds = Double(value())!
            case "--fps": fps = Int(value())!
            case "--root": root = value()
            case "--out": out = value()
            case "--no-pace": paced = false
            case "--codec": codec = value()
            case "--encoder-threads": threads = Int(value())!
            case "--camera-mode": cameraMode = value()
            default: fatalError("unknown argument \(arguments[i]); see Sources/engine-bench/main.swift")
            }
            i += 1
        }
    }

    var framesPerEpisode: Int { Int((seconds * Double(fps)).rounded()) }
}

/// Two 640×480 cameras' frames (a 90-frame cycle of moving gradients with small noise, as
/// `bench_lerobot.py` makes them) and the 6-joint state/action values, generated before timing.
struct Workload {
    static let width = 640
    static let height = 480
    static let cameras = 2
    static let cycle = 90
    let frames: [[[UInt8]]]
    let states: [[Float]]

    init(framesPerEpisode n: Int, fps: Int) {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func noise() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % 7) - 3
        }
        let (w, h) = (Self.width, Self.height)
        frames = (0..<Self.cameras).map { c in
            (0..<Self.cycle).map { i in
                var image = [UInt8](repeating: 0, count: w * h * 3)
                for y in 0..<h {
                    for x in 0..<w {
                        let p = (y * w + x) * 3
                        let r = ((x + 4 * i + 50 * c) % w) * 255 / w
                        let g = ((y + 2 * i) % h) * 255 / h
                        let b = (x + y + 3 * i) % 256
                        image[p] = UInt8(clamping: r + noise())
                        image[p + 1] = UInt8(clamping: g + noise())
                        image[p + 2] = UInt8(clamping: b + noise())
                    }
                }
                return image
            }
        }
        states = (0...n).map { t in (0..<6).map { Float(sin(Double(t) / Double(fps) + Double($0))) } }
    }
}

#if canImport(Glibc)
import Glibc
#endif
