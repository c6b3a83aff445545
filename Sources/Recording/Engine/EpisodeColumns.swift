// One episode's table values, gathered off the control loop's thread.

import Foundation
import LeRobot

/// The table columns, statistics and capture times of one episode, appended by the row
/// consumer thread and read by the committer once ``seal(outcome:)`` has been called.
///
/// Threading: between creation and `seal`, only the row consumer thread touches the columns;
/// after it, only readers (the committer) do, after ``waitSealed()`` returned. The lock only
/// guards the seal flag and its waiters.
final class EpisodeColumns: @unchecked Sendable {
    /// A run of rows the ring could not store (consumer behind), repeated from the row before.
    struct RowGap: Sendable, Hashable {
        var frames: Range<Int>
    }

    let layout: RowLayout
    private(set) var raw: [[UInt8]]
    private(set) var accumulators: [VectorStatsAccumulator]
    private(set) var captureNanos: [UInt64] = []
    private(set) var rowGaps: [RowGap] = []
    private(set) var statsError: LeRobotError?
    private(set) var length = 0
    /// One reusable buffer per field for the values handed to its statistics (no allocation per row).
    private var scratch: [[Double]]
    /// Where each string field's last value starts in its raw bytes (for ``repeatLast(_:)``).
    private var lastStringStart: [Int]
    /// Whether the engine stores field `i` itself (false: a registered row writer claimed it).
    private let stores: [Bool]
    /// The take's row writers (the audio track, registered ones): set before the store is handed
    /// to the consumer; each row is passed to them on the consumer thread, after it is stored.
    var rowWriters: [any RowStreamWriter] = []

    private let lock = NSLock()
    private var sealed = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// - Parameter claimed: fields a registered row writer stores instead (kept out of the columns).
    init(layout: RowLayout, expectedFrames: Int, claimed: Set<String> = []) {
        self.layout = layout
        stores = layout.fields.map { !claimed.contains($0.name) }
        raw = layout.fields.map { field in
            var bytes: [UInt8] = []
            guard !claimed.contains(field.name) else { return bytes }
            // A string field stores each value compactly (length + bytes), not its full capacity.
            bytes.reserveCapacity(expectedFrames * (field.isString ? 16 : field.byteCount))
            return bytes
        }
        lastStringStart = Array(repeating: 0, count: layout.fields.count)
        scratch = layout.fields.map { [Double](repeating: 0, count: $0.isString ? 0 : $0.count) }
        accumulators = layout.fields.map { VectorStatsAccumulator(width: $0.count) }
        captureNanos.reserveCapacity(expectedFrames)
    }

    /// Appends one row from the ring (consumer thread).
    func append(row bytes: UnsafeRawBufferPointer, captureNanos capture: UInt64) {
        for (i, field) in layout.fields.enumerated() where stores[i] {
            if field.isString {
                let value = RowLayout.stringBytes(bytes, field)
                lastStringStart[i] = raw[i].count
                withUnsafeBytes(of: UInt32(value.count).littleEndian) { raw[i].append(contentsOf: $0) }
                raw[i].append(contentsOf: value)
                continue
            }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[field.offset ..< field.offset + field.byteCount])
            raw[i].append(contentsOf: slice)
            guard statsError == nil else { continue }
            Self.fill(&scratch[i], from: slice, field)
            do {
                try accumulators[i].add(scratch[i])
            } catch {
                statsError = error
            }
        }
        if !rowWriters.isEmpty {
            let view = RowView(bytes: bytes, layout: layout, frameIndex: length, captureNanos: capture)
            for writer in rowWriters { writer.append(view) }
        }
        captureNanos.append(capture)
        length += 1
    }

    /// Repeats the last row `count` times (the ring could not store those rows).
    func repeatLast(_ count: Int) {
        guard count > 0, length > 0 else { return }
        let start = length
        for writer in rowWriters { writer.repeatLast(count) }
        for i in layout.fields.indices where stores[i] {
            if layout.fields[i].isString {
                let last = Array(raw[i][lastStringStart[i]...])
                for _ in 0..<count {
                    lastStringStart[i] = raw[i].count
                    raw[i].append(contentsOf: last)
                }
                continue
            }
            let width = layout.fields[i].byteCount
            let last = Array(raw[i][(length - 1) * width ..< length * width])
            for _ in 0..<count { raw[i].append(contentsOf: last) }
            let values = last.withUnsafeBytes { Self.doubles($0, layout.fields[i]) }
            for _ in 0..<count where statsError == nil {
                do { try accumulators[i].add(values) } catch { statsError = error }
            }
        }
        for _ in 0..<count { captureNanos.append(captureNanos[length - 1]) }
        length += count
        rowGaps.append(RowGap(frames: start ..< length))
    }

    /// Marks the episode complete and wakes ``waitSealed()`` callers.
    func seal() {
        let waiting = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            sealed = true
            defer { waiters.removeAll() }
            return waiters
        }
        for waiter in waiting { waiter.resume() }
    }

    /// Whether ``seal()`` has been called.
    var isSealed: Bool { lock.withLock { sealed } }

    /// Suspends until ``seal()`` (without blocking a thread).
    func waitSealed() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = lock.withLock { () -> Bool in
                if sealed { return true }
                waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// The columns as the dataset writer takes them. Call after the seal.
    func frameColumns() -> [String: FrameColumn] {
        var columns: [String: FrameColumn] = [:]
        for (i, field) in layout.fields.enumerated() where stores[i] {
            columns[field.name] = raw[i].withUnsafeBytes { bytes -> FrameColumn in
                if field.isString { return .string(Self.strings(bytes, count: length)) }
                switch field.dtype {
                case .float32: return .float32(Array(bytes.bindMemory(to: Float.self)))
                case .float64: return .float64(Array(bytes.bindMemory(to: Double.self)))
                case .int64: return .int64(Array(bytes.bindMemory(to: Int64.self)))
                case .int32: return .int32(Array(bytes.bindMemory(to: Int32.self)))
                default: return .bool(bytes.map { $0 != 0 })
                }
            }
        }
        return columns
    }

    /// Statistics per feature, computed while recording. Call after the seal.
    func tableStats() throws(LeRobotError) -> [String: FeatureStatistics] {
        if let statsError { throw statsError }
        var stats: [String: FeatureStatistics] = [:]
        for (i, field) in layout.fields.enumerated() where stores[i] && !field.isString {
            if let s = accumulators[i].statistics() { stats[field.name] = s }
        }
        return stats
    }

    /// Decodes `count` length-prefixed UTF-8 values (invalid UTF-8 is repaired, as String does).
    static func strings(_ bytes: UnsafeRawBufferPointer, count: Int) -> [String] {
        var values: [String] = []
        values.reserveCapacity(count)
        var at = 0
        for _ in 0..<count where at + 4 <= bytes.count {
            let n = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            values.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at + 4 ..< at + 4 + n]), as: UTF8.self))
            at += 4 + n
        }
        return values
    }

    /// Writes the field's values in `bytes` as doubles into `values` (its element count long).
    static func fill(_ values: inout [Double], from bytes: UnsafeRawBufferPointer, _ field: RowLayout.Field) {
        values.withUnsafeMutableBufferPointer { out in
            for k in 0..<field.count {
                let at = k * field.elementSize
                switch field.dtype {
                case .float32: out[k] = Double(bytes.loadUnaligned(fromByteOffset: at, as: Float.self))
                case .float64: out[k] = bytes.loadUnaligned(fromByteOffset: at, as: Double.self)
                case .int64: out[k] = Double(bytes.loadUnaligned(fromByteOffset: at, as: Int64.self))
                case .int32: out[k] = Double(bytes.loadUnaligned(fromByteOffset: at, as: Int32.self))
                default: out[k] = bytes[at] != 0 ? 1 : 0
                }
            }
        }
    }

    static func doubles(_ bytes: UnsafeRawBufferPointer, _ field: RowLayout.Field) -> [Double] {
        var values = [Double](repeating: 0, count: field.count)
        fill(&values, from: bytes, field)
        return values
    }
}
