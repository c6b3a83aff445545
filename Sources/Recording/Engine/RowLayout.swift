// How one frame's table values are packed into a row-ring slot.

import LeRobot

/// The byte layout of one table row in the row ring: a 16-byte header (kind, capture time),
/// then each table feature in feature order — a numeric feature's elements at their native
/// width; a `string` feature as a UInt32 byte count and up to `stringCapacity` UTF-8 bytes — then (with
/// an audio stream) the tick's sample count (UInt64) and up to ``audioCapacity`` Int16 samples.
///
/// Computed once per session from the features; a value, safe to share.
struct RowLayout: Sendable {
    /// What a ring entry is: a frame's row, or a marker between episodes.
    enum Kind: UInt64 {
        case row = 0
        /// Starts the next episode's column store (taken from the consumer's hand-off list).
        case begin = 1
        /// Ends the current episode: seal (saved) or drop (discarded) its store.
        case end = 2
    }

    /// One table feature's place in the row.
    struct Field: Sendable {
        var name: String
        var dtype: FeatureDType
        var count: Int
        var offset: Int
        var elementSize: Int
        /// Whether the field holds a string (count = its byte capacity, after a UInt32 length).
        var isString = false
        /// Bytes the field takes in a row.
        var byteCount: Int { isString ? 4 + count : count * elementSize }
    }

    static let headerBytes = 16
    let fields: [Field]
    let rowBytes: Int
    /// Byte offset of the audio sample count (8-aligned); the samples follow it.
    let audioOffset: Int
    /// Int16 samples (all channels) one row can carry; 0 without an audio stream.
    let audioCapacity: Int

    init(features: Features, audioCapacity: Int = 0, stringCapacity: Int = 256) {
        var offset = Self.headerBytes
        var fields: [Field] = []
        for f in features.user where !f.dtype.isVisual {
            let size: Int
            switch f.dtype {
            case .float64, .int64: size = 8
            case .float32, .int32: size = 4
            default: size = 1
            }
            if f.dtype == .string {
                offset = (offset + 3) / 4 * 4
                let field = Field(name: f.name, dtype: f.dtype, count: stringCapacity, offset: offset, elementSize: 1, isString: true)
                fields.append(field)
                offset += field.byteCount
                continue
            }
            // Align each field to its element size so the consumer can read it typed.
            offset = (offset + size - 1) / size * size
            fields.append(Field(name: f.name, dtype: f.dtype, count: f.elementCount, offset: offset, elementSize: size))
            offset += f.elementCount * size
        }
        self.fields = fields
        audioOffset = (offset + 7) / 8 * 8
        self.audioCapacity = audioCapacity
        rowBytes = audioCapacity == 0 ? audioOffset : (audioOffset + 8 + audioCapacity * 2 + 7) / 8 * 8
    }

    /// The audio samples stored in `row` (empty without an audio stream), as raw little-endian bytes.
    func audioBytes(_ row: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard audioCapacity > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let count = min(Int(row.loadUnaligned(fromByteOffset: audioOffset, as: UInt64.self)), audioCapacity)
        return UnsafeRawBufferPointer(rebasing: row[audioOffset + 8 ..< audioOffset + 8 + count * 2])
    }

    /// The UTF-8 bytes of string field `field` in `row` (its stored length, capped at capacity).
    static func stringBytes(_ row: UnsafeRawBufferPointer, _ field: Field) -> UnsafeRawBufferPointer {
        let length = min(Int(row.loadUnaligned(fromByteOffset: field.offset, as: UInt32.self)), field.count)
        return UnsafeRawBufferPointer(rebasing: row[field.offset + 4 ..< field.offset + 4 + length])
    }

    /// The index of field `name`, or nil.
    func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }
}
