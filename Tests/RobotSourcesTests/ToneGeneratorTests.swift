import Foundation
import Testing
@testable import RobotSources

@Suite("Tone generator")
struct ToneGeneratorTests {
    @Test("frames tile the sample axis exactly, whatever the fps", arguments: [30, 29, 7, 60])
    func sampleAccurate(fps: Int) {
        let tone = ToneGenerator(sampleRate: 44_100, fps: fps, frequency: 440)
        var next = 0
        var total = 0
        for frame in 0..<(fps * 3) {
            let range = tone.sampleRange(ofFrame: frame)
            #expect(range.lowerBound == next)
            #expect(range.count <= tone.maxSamplesPerFrame)
            next = range.upperBound
            total += range.count
        }
        #expect(total == 44_100 * 3)
    }

    @Test("samples are the sine at their absolute time")
    func values() {
        let tone = ToneGenerator(sampleRate: 48_000, fps: 30, frequency: 1500, amplitude: 0.5)
        var buffer = [Int16](repeating: 0, count: tone.maxSamplesPerFrame)
        let count = buffer.withUnsafeMutableBufferPointer { tone.samples(ofFrame: 1, into: $0) }
        #expect(count == 1600)
        // Sample 1600 + 12 is at t = 1612/48000 s.
        let phase: Double = 2 * Double.pi * 1500 * 1612 / 48_000
        let expected = Int16((0.5 * sin(phase) * 32767).rounded())
        #expect(buffer[12] == expected)
        #expect(buffer[0] == 0)  // t = 1/30 s is a whole number (50) of 1.5 kHz periods
    }
}
