import Testing
@testable import RobotSources

@Suite("Synthetic camera")
struct SyntheticCameraTests {
    private func frame(_ camera: SyntheticCamera, joints: [Float]) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: camera.frameByteCount)
        joints.withUnsafeBufferPointer { joints in
            pixels.withUnsafeMutableBytes { camera.render(joints: joints, into: $0) }
        }
        return pixels
    }

    @Test("rendering is deterministic and draws the first link in its color above the base")
    func drawsArm() {
        let camera = SyntheticCamera(width: 160, height: 120, viewpoint: 0)
        let upright: [Float] = [0, 0, 0, 0, 0, 0.5]
        let pixels = frame(camera, joints: upright)
        #expect(pixels == frame(camera, joints: upright))
        // Upright arm: the first link rises from the base at (80, 110) straight up.
        let offset = (100 * 160 + 80) * 3
        let color = SyntheticCamera.linkColor(0)
        #expect(Array(pixels[offset..<offset + 3]) == [color.0, color.1, color.2])
    }

    @Test("the picture follows the joints")
    func followsJoints() {
        let camera = SyntheticCamera(width: 160, height: 120, viewpoint: 0)
        let a = frame(camera, joints: [0, 0, 0, 0, 0, 0.5])
        let b = frame(camera, joints: [0.6, -0.3, 0.2, 0, 0, 0.9])
        let changed = zip(a, b).filter { $0 != $1 }.count
        #expect(changed > 300, "only \(changed) bytes changed")
    }

    @Test("cameras with different viewpoints see different pictures")
    func viewpoints() {
        let joints: [Float] = [0.4, 0.2, -0.1, 0, 0, 0.5]
        let front = frame(SyntheticCamera(width: 96, height: 64, viewpoint: 0), joints: joints)
        let wrist = frame(SyntheticCamera(width: 96, height: 64, viewpoint: 1), joints: joints)
        #expect(front != wrist)
    }
}
