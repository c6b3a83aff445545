// The audio facet of the reusable frame.

extension FrameBuilder {
    /// Sets this tick's audio samples (interleaved 16-bit PCM of the configured
    /// ``RecordingConfiguration/audio`` stream); any count up to the stream's per-tick bound,
    /// including 0. A tick without a call carries no samples.
    ///
    /// The samples are copied into the frame's preallocated row (no allocation, no I/O); the
    /// row consumer thread appends them to the take's WAV. Calling it again in the same tick
    /// replaces the samples.
    ///
    /// - Throws: `ERR_INVALID_FRAME` if the session has no audio stream, the count is not a
    ///   multiple of the channel count, or it exceeds the per-tick bound (nothing is changed).
    public func setAudio(samples: UnsafeBufferPointer<Int16>) throws(RecordingError) {
        guard layout.audioCapacity > 0 else {
            throw RecordingError(.invalidFrame, "the session has no audio stream",
                                 hint: "set RecordingConfiguration.audio to record audio")
        }
        guard samples.count % audioChannels == 0 else {
            throw RecordingError(.invalidFrame, "\(samples.count) audio samples is not a whole number of \(audioChannels)-channel frames",
                                 hint: "pass interleaved samples, one per channel per sample frame")
        }
        guard samples.count <= layout.audioCapacity else {
            throw RecordingError(.invalidFrame, "\(samples.count) audio samples exceed the per-tick bound of \(layout.audioCapacity)",
                                 hint: "raise AudioStream.maxFramesPerTick or hand the samples every tick")
        }
        let base = layout.audioOffset + 8
        for (i, sample) in samples.enumerated() {
            row.storeBytes(of: sample.littleEndian, toByteOffset: base + i * 2, as: Int16.self)
        }
        row.storeBytes(of: UInt64(samples.count), toByteOffset: layout.audioOffset, as: UInt64.self)
    }
}
