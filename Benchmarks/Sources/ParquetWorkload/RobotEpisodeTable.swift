#if canImport(Glibc)
import Glibc
#endif

import Parquet

/// The benchmark table: what a LeRobot data file holds for a 14-DoF robot.
/// `{index: int64, timestamp: float32, observation.state: list<float32>[14],
/// action: list<float32>[14]}`; values are smooth functions of the row, like
/// joint trajectories (compressible, but not constant).
public enum RobotEpisodeTable {
    public static let dimensions = 14

    public static let schema = ParquetSchema([
        ParquetField("index", .int64),
        ParquetField("timestamp", .float),
        ParquetField("observation.state", .list(element: .float)),
        ParquetField("action", .list(element: .float)),
    ])

    /// The columns of rows `rows`.
    public static func columns(_ rows: Range<Int>) -> [ColumnData] {
        let count = rows.count
        var index = [Int64](), timestamp = [Float](), state = [Float](), action = [Float]()
        index.reserveCapacity(count)
        timestamp.reserveCapacity(count)
        state.reserveCapacity(count * dimensions)
        action.reserveCapacity(count * dimensions)
        for row in rows {
            index.append(Int64(row))
            timestamp.append(Float(row % 10_000) / 30)
            let t = Float(row) * 0.01
            for joint in 0..<dimensions {
                let phase = Float(joint) * 0.7
                state.append(sin(t + phase))
                action.append(sin(t + phase + 0.05))
            }
        }
        let offsets = Array(stride(from: 0, through: count * dimensions, by: dimensions))
        return [
            .int64(index),
            .float(timestamp),
            ColumnData(.list(offsets: offsets, child: .float(state))),
            ColumnData(.list(offsets: offsets, child: .float(action))),
        ]
    }

    /// Writes `rows` rows, one row group per `rowGroupRows`, building each group's
    /// columns just before writing it. `clock` accumulates time spent in the writer only.
    public static func write(
        rows: Int, rowGroupRows: Int, to writer: ParquetFileWriter, writerTime: inout Duration
    ) throws(ParquetError) {
        var start = 0
        let clock = ContinuousClock()
        while start < rows {
            let end = min(rows, start + rowGroupRows)
            let columns = Self.columns(start..<end)
            let began = clock.now
            try writer.write(columns)
            try writer.endRowGroup()
            writerTime += clock.now - began
            start = end
        }
    }
}

