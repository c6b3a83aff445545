import Foundation

/// A sine tone for the demo's optional microphone stream, sample-accurate per
/// control tick: frame k covers samples `k·rate/fps ..< (k+1)·rate/fps`
/// (integer division), so the audio length of n frames is exactly
/// `n·rate/fps` samples, whatever the fps.
public struct ToneGenerator: Sendable {
    public let sampleRate: Int
    public let fps: Int
    public let frequency: Double
    public let amplitude: Double

    public init(sampleRate: Int = 48_000, fps: Int, frequency: Double, amplitude: Double = 0.25) {
        precondition(sampleRate > 0 && fps > 0, "sample rate and fps must be positive")
        self.sampleRate = sampleRate
        self.fps = fps
        self.frequency = frequency
        self.amplitude = amplitude
    }

    /// The half-open range of sample indices that frame `frame` covers.
    public func sampleRange(ofFrame frame: Int) -> Range<Int> {
        (frame * sampleRate / fps)..<((frame + 1) * sampleRate / fps)
    }

    /// The largest number of samples any single frame covers.
    public var maxSamplesPerFrame: Int { (sampleRate + fps - 1) / fps }

    /// Writes the 16-bit mono samples of frame `frame` into `buffer` and returns how many.
    public func samples(ofFrame frame: Int, into buffer: UnsafeMutableBufferPointer<Int16>) -> Int {
        let range = sampleRange(ofFrame: frame)
        precondition(buffer.count >= range.count, "audio buffer holds \(buffer.count) samples, need \(range.count)")
        for (slot, sample) in range.enumerated() {
            let time = Double(sample) / Double(sampleRate)
            buffer[slot] = Int16((amplitude * sin(2 * Double.pi * frequency * time) * Double(Int16.max)).rounded())
        }
        return range.count
    }
}
