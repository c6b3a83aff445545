import Foundation

/// Renders RGB frames of the demo arm, so that the demo dataset's videos show
/// something that moves with the recorded joint states (a policy trained on it
/// sees a real correlation between image and state).
///
/// Each camera looks at the arm from its own viewpoint (`viewpoint` shifts,
/// tints and mirrors the scene). The background is rendered once at init; a
/// frame is a copy of it plus the arm's links drawn as thick segments, so
/// rendering allocates nothing and costs well under a millisecond at 640×480
/// in release builds.
///
/// Not thread-safe: one camera per producer thread.
public final class SyntheticCamera {
    public let width: Int
    public let height: Int
    public let viewpoint: Int
    private let background: [UInt8]

    /// Bytes per frame (RGB, 8 bits per channel, rows top to bottom, no padding).
    public var frameByteCount: Int { width * height * 3 }

    public init(width: Int, height: Int, viewpoint: Int) {
        precondition(width > 0 && height > 0, "camera size must be positive, got \(width)×\(height)")
        self.width = width
        self.height = height
        self.viewpoint = viewpoint
        background = Self.renderBackground(width: width, height: height, viewpoint: viewpoint)
    }

    /// Renders the arm at `joints` (radians; last = gripper opening 0…1) into
    /// `frame`, which must hold `frameByteCount` bytes.
    public func render(joints: UnsafeBufferPointer<Float>, into frame: UnsafeMutableRawBufferPointer) {
        precondition(frame.count >= frameByteCount, "frame buffer holds \(frame.count) bytes, need \(frameByteCount)")
        background.withUnsafeBytes { frame.copyMemory(from: $0) }
        let scale = Double(min(width, height))
        let mirror: Double = viewpoint % 2 == 0 ? 1 : -1
        var x = Double(width) * 0.5
        var y = Double(height) * 0.92
        var angle = -Double.pi / 2
        let links = max(joints.count - 1, 1)
        let linkLength = scale * 0.62 / Double(links)
        for link in 0..<links {
            let joint = link < joints.count ? Double(joints[link]) : 0
            angle += joint * mirror
            let nextX = x + cos(angle) * linkLength
            let nextY = y + sin(angle) * linkLength
            let color = Self.linkColor(link)
            let thickness = max(scale * (0.035 - 0.004 * Double(link)), 2)
            drawSegment(from: (x, y), to: (nextX, nextY), radius: thickness, color: color, frame: frame)
            x = nextX
            y = nextY
        }
        let opening = joints.count > 1 ? Double(joints[joints.count - 1]) : 0.5
        let jaw = scale * (0.02 + 0.05 * opening)
        let normal = angle + Double.pi / 2
        for side in [-1.0, 1.0] {
            let baseX = x + cos(normal) * jaw * side
            let baseY = y + sin(normal) * jaw * side
            let tipX = baseX + cos(angle) * scale * 0.06
            let tipY = baseY + sin(angle) * scale * 0.06
            drawSegment(from: (baseX, baseY), to: (tipX, tipY), radius: max(scale * 0.01, 1.5),
                        color: (240, 240, 240), frame: frame)
        }
    }

    /// A distinct, saturated color per link.
    static func linkColor(_ link: Int) -> (UInt8, UInt8, UInt8) {
        let palette: [(UInt8, UInt8, UInt8)] = [
            (230, 80, 40), (40, 170, 230), (250, 200, 40), (120, 220, 90), (200, 90, 220), (250, 140, 170),
        ]
        return palette[link % palette.count]
    }

    private func drawSegment(
        from start: (Double, Double), to end: (Double, Double), radius: Double,
        color: (UInt8, UInt8, UInt8), frame: UnsafeMutableRawBufferPointer
    ) {
        let minX = max(Int(min(start.0, end.0) - radius), 0)
        let maxX = min(Int(max(start.0, end.0) + radius), width - 1)
        let minY = max(Int(min(start.1, end.1) - radius), 0)
        let maxY = min(Int(max(start.1, end.1) + radius), height - 1)
        guard minX <= maxX, minY <= maxY else { return }
        let dx = end.0 - start.0, dy = end.1 - start.1
        let lengthSquared = max(dx * dx + dy * dy, 1e-9)
        let radiusSquared = radius * radius
        let bytes = frame.bindMemory(to: UInt8.self)
        for py in minY...maxY {
            let rowBase = py * width * 3
            for px in minX...maxX {
                let fx = Double(px) - start.0, fy = Double(py) - start.1
                let along = min(max((fx * dx + fy * dy) / lengthSquared, 0), 1)
                let ex = fx - along * dx, ey = fy - along * dy
                if ex * ex + ey * ey <= radiusSquared {
                    let offset = rowBase + px * 3
                    bytes[offset] = color.0
                    bytes[offset + 1] = color.1
                    bytes[offset + 2] = color.2
                }
            }
        }
    }

    private static func renderBackground(width: Int, height: Int, viewpoint: Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let tint = Double(viewpoint % 4) * 18
        for y in 0..<height {
            let wall = y < height * 7 / 10
            for x in 0..<width {
                let offset = (y * width + x) * 3
                if wall {
                    let shade = 70 + 60 * Double(y) / Double(height)
                    pixels[offset] = UInt8(shade)
                    pixels[offset + 1] = UInt8(shade + tint * 0.5)
                    pixels[offset + 2] = UInt8(min(shade + 40 + tint, 255))
                } else {
                    // A checkered table, so camera motion and scale read clearly.
                    let checker = ((x / 32) + (y / 32)) % 2 == 0
                    let base: Double = checker ? 150 : 120
                    pixels[offset] = UInt8(base + tint * 0.3)
                    pixels[offset + 1] = UInt8(base * 0.8)
                    pixels[offset + 2] = UInt8(base * 0.6)
                }
            }
        }
        return pixels
    }
}
