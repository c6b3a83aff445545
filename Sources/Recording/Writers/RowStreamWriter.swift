// Outputs fed the table row of every frame: the parquet columns, the audio WAV, registered ones.

import LeRobot

/// One frame's table row as a ``RowStreamWriter`` sees it: valid only during
/// ``RowStreamWriter/append(_:)`` (it points into the row ring's slot).
public struct RowView {
    let bytes: UnsafeRawBufferPointer
    let layout: RowLayout
    /// The frame's index in the episode.
    public let frameIndex: Int
    /// The frame's monotonic capture time, in nanoseconds since the session started.
    public let captureNanos: UInt64

    /// The raw little-endian values of numeric table feature `name` (its declared dtype, its
    /// element count), or nil if the session has no such numeric feature.
    public func values(_ name: String) -> UnsafeRawBufferPointer? {
        guard let i = layout.index(of: name), !layout.fields[i].isString else { return nil }
        let field = layout.fields[i]
        return UnsafeRawBufferPointer(rebasing: bytes[field.offset ..< field.offset + field.byteCount])
    }

    /// The values of numeric feature `name` as doubles (allocates; for convenience off the hot path).
    public func doubles(_ name: String) -> [Double]? {
        guard let i = layout.index(of: name), !layout.fields[i].isString, let raw = values(name) else { return nil }
        return EpisodeColumns.doubles(raw, layout.fields[i])
    }

    /// The value of string feature `name`, or nil if the session has no such string feature.
    public func string(_ name: String) -> String? {
        guard let i = layout.index(of: name), layout.fields[i].isString else { return nil }
        return String(decoding: RowLayout.stringBytes(bytes, layout.fields[i]), as: UTF8.self)
    }

    /// This tick's audio samples (interleaved 16-bit little-endian PCM); empty without audio.
    public var audio: UnsafeRawBufferPointer { layout.audioBytes(bytes) }
}

/// A ``TakeWriter`` fed every frame's table row by the row consumer thread (never the control
/// loop): the built-in parquet columns, the audio track, or a writer registered through a
/// ``RowWriterFactory``.
///
/// Threading: ``append(_:)`` and ``repeatLast(_:)`` on the row consumer thread, in frame order;
/// `finish` after the episode's rows were sealed (the seal orders it after the last append).
public protocol RowStreamWriter: TakeWriter {
    /// Takes frame `row.frameIndex`'s values.
    func append(_ row: RowView)
    /// The previous row again, `count` times: rows the ring could not store (each is counted
    /// in the sidecar's `table` section).
    func repeatLast(_ count: Int)
}

/// Makes the writer of the table features it claims, once per episode take. Register one in
/// ``RecordingConfiguration/rowWriters`` (or `Observer(…, rowWriters:)`) to write table features
/// another way: the engine stops storing the claimed features itself, feeds the writer every
/// row, and commits what it contributes — which must include a column (and may include
/// statistics) for each claimed feature, as the dataset declares them.
public protocol RowWriterFactory: Sendable {
    /// Whether this factory writes table feature `feature` (numeric or string).
    func claims(_ feature: Feature) -> Bool
    /// Checks the factory's settings for the features it claimed, before anything is written.
    /// - Throws: `ERR_RECORDING_INVALID_CONFIGURATION` naming the bad setting.
    func validate(_ features: [Feature], fps: Int) throws(RecordingError)
    /// Creates the writer of `features` for one take (pre-warm thread; may block).
    func makeWriter(for features: [Feature], take: TakeContext) throws(RecordingError) -> any RowStreamWriter
}
