import LeRobot
import Recording
import RobotSources

/// `--audio-tone`: a 440 Hz tone as the session's microphone stream (mono 48 kHz), exactly
/// `rate / fps` samples per tick on average (``ToneGenerator``'s per-tick ranges), so an episode's
/// WAV has as many samples as its frames span.
///
/// Threading: the control loop's thread; the per-tick sample buffer is allocated in `init`.
final class ToneRecorder: Recorder {
    /// The tone's pitch (Hz).
    static let frequency = 440.0

    let audioStream: RecordingConfiguration.AudioStream?
    var features: [Feature] { [] }
    private let tone: ToneGenerator
    private var buffer: [Int16]

    init(fps: Int, stream: RecordingConfiguration.AudioStream = .init(name: "microphone", sampleRate: 48_000, channels: 1)) {
        audioStream = stream
        tone = ToneGenerator(sampleRate: stream.sampleRate, fps: fps, frequency: Self.frequency)
        buffer = [Int16](repeating: 0, count: tone.maxSamplesPerFrame)
    }

    func bind(to frame: FrameBuilder) throws {}

    func capture(into frame: FrameBuilder, tick: Int) throws {
        try buffer.withUnsafeMutableBufferPointer { buffer in
            let count = tone.samples(ofFrame: tick, into: buffer)
            try frame.setAudio(samples: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }
}
