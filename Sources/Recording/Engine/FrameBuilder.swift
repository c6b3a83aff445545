// The reusable frame a control loop fills and hands to `addFrame`.

import LeRobot
import Video

/// One frame's values, filled by the caller and handed to ``RecordingSession/addFrame(_:captureTime:)``.
///
/// Made once by ``RecordingSession/makeFrame()`` and reused for every frame: its storage (one
/// table row, one RGB buffer per camera) is allocated up front, so filling it and adding it
/// allocates nothing. Each setter validates at once (dtype, element count, NaN) and throws
/// `ERR_INVALID_FRAME` without changing what was set before. `addFrame` takes the values and
/// clears the frame for the next one.
///
/// Cameras: ``setCamera(_:_:)-(FrameKey,_)`` borrows the caller's buffer until `addFrame` returns (no copy
/// here; the encoder copies it once into its queue); ``withCameraBuffer(_:_:)`` lets the caller
/// render into the frame's own buffer; a camera left unset (or ``markGap(_:cause:)``) becomes a
/// counted duplicate of its previous frame.
///
/// Threading: not thread-safe; owned by the one thread that calls `addFrame`.
public final class FrameBuilder {
    /// A feature resolved once with ``key(_:)`` so per-frame setters skip the name lookup.
    public struct FrameKey: Hashable, Sendable {
        let index: Int
        let isCamera: Bool
    }

    /// What the frame holds for one camera.
    enum CameraValue {
        case none
        case owned
        case borrowed(UnsafeRawBufferPointer)
        case gap(GapCause)
        /// Rendered straight into a slot of this writer's queue (zero-copy).
        case reserved(any ImageStreamWriter, StreamingVideoEncoder.SlotReservation)
    }

    let sessionID: ObjectIdentifier
    let layout: RowLayout
    let cameraNames: [String]
    let cameraBytes: [Int]
    private let keys: [String: FrameKey]
    /// The row as it goes into the ring (header filled by the session).
    let row: UnsafeMutableRawBufferPointer
    var isSet: [Bool]
    let cameraStorage: [UnsafeMutableRawBufferPointer]
    var cameras: [CameraValue]
    /// The open episode's writer of camera `i`, if any (for in-place rendering).
    let currentEncoder: (Int) -> (any ImageStreamWriter)?
    /// Interleaved channels of the session's audio stream (set by `makeFrame`; see ``setAudio(samples:)``).
    var audioChannels = 1

    init(sessionID: ObjectIdentifier, layout: RowLayout, cameras: [(name: String, bytes: Int)],
         currentEncoder: @escaping (Int) -> (any ImageStreamWriter)?) {
        self.sessionID = sessionID
        self.currentEncoder = currentEncoder
        self.layout = layout
        cameraNames = cameras.map(\.name)
        cameraBytes = cameras.map(\.bytes)
        var keys: [String: FrameKey] = [:]
        for (i, f) in layout.fields.enumerated() { keys[f.name] = FrameKey(index: i, isCamera: false) }
        for (i, c) in cameras.enumerated() { keys[c.name] = FrameKey(index: i, isCamera: true) }
        self.keys = keys
        row = .allocate(byteCount: layout.rowBytes, alignment: 16)
        row.initializeMemory(as: UInt8.self, repeating: 0)
        isSet = Array(repeating: false, count: layout.fields.count)
        cameraStorage = cameras.map {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: $0.bytes, alignment: 64)
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            return buffer
        }
        self.cameras = Array(repeating: .none, count: cameras.count)
    }

    deinit {
        for i in cameras.indices { clearCamera(i) }
        row.deallocate()
        for buffer in cameraStorage { buffer.deallocate() }
    }

    /// Resolves a feature name once (for the setters that take a ``FrameKey``).
    /// - Throws: `ERR_INVALID_FRAME` if the session has no such table feature or camera.
    public func key(_ name: String) throws(RecordingError) -> FrameKey {
        guard let key = keys[name] else {
            throw RecordingError(.invalidFrame, "the session has no feature '\(name)'",
                                 hint: "use a declared numeric feature or camera; known: \(keys.keys.sorted().joined(separator: ", "))")
        }
        return key
    }

    /// Clears every value (``RecordingSession/addFrame(_:captureTime:)`` does this after taking the frame).
    public func reset() {
        for i in isSet.indices { isSet[i] = false }
        for i in cameras.indices { clearCamera(i) }
        if layout.audioCapacity > 0 { row.storeBytes(of: UInt64(0), toByteOffset: layout.audioOffset, as: UInt64.self) }
    }

    /// Forgets camera `i`'s value, returning an unused encoder slot.
    func clearCamera(_ i: Int) {
        if case .reserved(let encoder, let reservation) = cameras[i] { encoder.release(reservation) }
        cameras[i] = .none
    }

    // MARK: Table values

    public func set(_ key: FrameKey, _ values: UnsafeBufferPointer<Float>) throws(RecordingError) {
        try store(key, values, dtype: .float32, isNaN: { $0.isNaN })
    }
    public func set(_ key: FrameKey, _ values: UnsafeBufferPointer<Double>) throws(RecordingError) {
        try store(key, values, dtype: .float64, isNaN: { $0.isNaN })
    }
    public func set(_ key: FrameKey, _ values: UnsafeBufferPointer<Int64>) throws(RecordingError) {
        try store(key, values, dtype: .int64, isNaN: nil)
    }
    public func set(_ key: FrameKey, _ values: UnsafeBufferPointer<Int32>) throws(RecordingError) {
        try store(key, values, dtype: .int32, isNaN: nil)
    }
    public func set(_ key: FrameKey, _ values: UnsafeBufferPointer<Bool>) throws(RecordingError) {
        try store(key, values, dtype: .bool, isNaN: nil)
    }

    /// Sets feature `name` from an array (convenience; allocation-free paths use the buffer setters).
    public func set(_ name: String, _ values: [Float]) throws(RecordingError) {
        let key = try key(name)
        try values.withUnsafeBufferPointer { (b) throws(RecordingError) in try set(key, b) }
    }
    public func set(_ name: String, _ values: [Double]) throws(RecordingError) {
        let key = try key(name)
        try values.withUnsafeBufferPointer { (b) throws(RecordingError) in try set(key, b) }
    }
    public func set(_ name: String, _ values: [Int64]) throws(RecordingError) {
        let key = try key(name)
        try values.withUnsafeBufferPointer { (b) throws(RecordingError) in try set(key, b) }
    }
    public func set(_ name: String, _ values: [Int32]) throws(RecordingError) {
        let key = try key(name)
        try values.withUnsafeBufferPointer { (b) throws(RecordingError) in try set(key, b) }
    }
    public func set(_ name: String, _ values: [Bool]) throws(RecordingError) {
        let key = try key(name)
        try values.withUnsafeBufferPointer { (b) throws(RecordingError) in try set(key, b) }
    }

    /// Sets string feature `key` (at most ``RecordingConfiguration/maxStringBytes`` UTF-8 bytes).
    /// The bytes are copied into the frame's row; nothing is allocated.
    public func set(_ key: FrameKey, _ value: String) throws(RecordingError) {
        let field = try tableField(key, dtype: .string, count: nil)
        let length = value.utf8.count
        guard length <= field.count else {
            throw RecordingError(.invalidFrame, "string feature '\(field.name)' got \(length) UTF-8 bytes, at most \(field.count) fit",
                                 hint: "raise RecordingConfiguration.maxStringBytes or shorten the value")
        }
        let base = row.baseAddress! + field.offset
        base.storeBytes(of: UInt32(length).littleEndian, as: UInt32.self)
        var at = 4
        for byte in value.utf8 {
            base.storeBytes(of: byte, toByteOffset: at, as: UInt8.self)
            at += 1
        }
        isSet[key.index] = true
    }

    /// Sets string feature `name` (see ``set(_:_:)-(FrameKey,String)``).
    public func set(_ name: String, _ value: String) throws(RecordingError) {
        try set(try key(name), value)
    }

    /// Lets `body` write feature `key`'s `Float` values in place (no copy); `body` must fill all
    /// of them. NaN is checked afterwards.
    public func withFloats<R>(_ key: FrameKey, _ body: (UnsafeMutableBufferPointer<Float>) throws -> R) throws -> R {
        let field = try tableField(key, dtype: .float32, count: nil)
        let pointer = (row.baseAddress! + field.offset).assumingMemoryBound(to: Float.self)
        let buffer = UnsafeMutableBufferPointer(start: pointer, count: field.count)
        let result = try body(buffer)
        if buffer.contains(where: { $0.isNaN }) {
            isSet[key.index] = false
            throw nanError(field)
        }
        isSet[key.index] = true
        return result
    }

    private func store<T>(_ key: FrameKey, _ values: UnsafeBufferPointer<T>, dtype: FeatureDType,
                          isNaN: ((T) -> Bool)?) throws(RecordingError) {
        let field = try tableField(key, dtype: dtype, count: values.count)
        if let isNaN, values.contains(where: isNaN) { throw nanError(field) }
        let target = (row.baseAddress! + field.offset).assumingMemoryBound(to: T.self)
        target.update(from: values.baseAddress!, count: values.count)
        isSet[key.index] = true
    }

    private func tableField(_ key: FrameKey, dtype: FeatureDType, count: Int?) throws(RecordingError) -> RowLayout.Field {
        guard !key.isCamera, key.index < layout.fields.count else {
            throw RecordingError(.invalidFrame, "'\(cameraNames[key.index])' is a camera, not a table feature",
                                 hint: "set cameras with setCamera or withCameraBuffer")
        }
        let field = layout.fields[key.index]
        guard field.dtype == dtype else {
            throw RecordingError(.invalidFrame, "feature '\(field.name)' is \(field.dtype.rawValue), got \(dtype.rawValue) values",
                                 hint: "pass values of the declared dtype")
        }
        if let count, count != field.count {
            throw RecordingError(.invalidFrame, "feature '\(field.name)' has \(field.count) elements, got \(count)",
                                 hint: "pass exactly the declared shape")
        }
        return field
    }

    private func nanError(_ field: RowLayout.Field) -> RecordingError {
        RecordingError(.invalidFrame, "feature '\(field.name)' has a NaN value",
                       hint: "pass finite values (lerobot statistics cannot hold NaN)")
    }

    // MARK: Cameras

    /// Hands camera `key`'s packed RGB frame (width × height × 3 bytes). The buffer is borrowed,
    /// not copied: it must stay valid and unchanged until `addFrame` returns.
    public func setCamera(_ key: FrameKey, _ rgb: UnsafeRawBufferPointer) throws(RecordingError) {
        let i = try cameraIndex(key)
        guard rgb.count == cameraBytes[i] else {
            throw RecordingError(.invalidFrame, "camera '\(cameraNames[i])' frame has \(rgb.count) bytes, expected \(cameraBytes[i])",
                                 hint: "pass packed RGB8 width × height × 3 bytes")
        }
        clearCamera(i)
        cameras[i] = .borrowed(rgb)
    }

    /// Camera frame by name (see ``setCamera(_:_:)-(FrameKey,_)``).
    public func setCamera(_ name: String, _ rgb: UnsafeRawBufferPointer) throws(RecordingError) {
        try setCamera(try key(name), rgb)
    }

    /// Lets `body` render camera `key`'s frame in place: straight into a free slot of the open
    /// episode's encoder queue (zero-copy: `addFrame` only queues the slot), or, when no slot is
    /// free or no episode is open, into the frame's own buffer (`addFrame` then copies it once).
    /// `body` must write every byte (packed RGB8, width × height × 3).
    public func withCameraBuffer<R>(_ key: FrameKey, _ body: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        let i = try cameraIndex(key)
        clearCamera(i)
        if let encoder = currentEncoder(i), let reservation = encoder.reserveSlot() {
            do {
                let result = try body(reservation.buffer)
                cameras[i] = .reserved(encoder, reservation)
                return result
            } catch {
                encoder.release(reservation)
                throw error
            }
        }
        let result = try body(cameraStorage[i])
        cameras[i] = .owned
        return result
    }

    /// Records that camera `key` has no frame for this tick: the video repeats its previous
    /// frame and the gap is recorded with `cause` (this is also what an unset camera gets).
    public func markGap(_ key: FrameKey, cause: GapCause = .frameMissing) throws(RecordingError) {
        let i = try cameraIndex(key)
        clearCamera(i)
        cameras[i] = .gap(cause)
    }

    private func cameraIndex(_ key: FrameKey) throws(RecordingError) -> Int {
        guard key.isCamera, key.index < cameraNames.count else {
            throw RecordingError(.invalidFrame, "'\(layout.fields[key.index].name)' is a table feature, not a camera",
                                 hint: "set table values with set(_:_:)")
        }
        return key.index
    }

    /// The first table feature not set, if any (checked by `addFrame`).
    var firstMissingField: String? {
        for i in isSet.indices where !isSet[i] { return layout.fields[i].name }
        return nil
    }
}
