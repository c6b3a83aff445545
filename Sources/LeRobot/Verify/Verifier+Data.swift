// Verifier checks on the data Parquet files.

import Parquet

extension Verifier.Context {
    /// The columns the checks need, concatenated over all data files in path order.
    private struct Columns {
        var index: [Int64] = []
        var episode: [Int64] = []
        var frame: [Int64] = []
        var timestamp: [Double] = []
        var task: [Int64] = []
    }

    mutating func checkData() {
        let files = reader.dataFiles
        var rowsByFile: [String: Int] = [:]
        var columns = Columns()
        var readable = true
        for rel in files {
            let path = root + "/" + rel
            let r: ParquetFileReader
            do {
                r = try ParquetFileReader(path: path)
            } catch {
                report(.parquetFooterMissing, rel, "\(error.code): \(error.message)",
                       hint: "the file is incomplete (crash mid-write?); run episodic recover or re-record the episode")
                readable = false
                continue
            }
            defer { r.close() }
            rowsByFile[rel] = r.numRows
            do throws(ParquetError) {
                guard let i = try r.readColumn("index").int64Values, let e = try r.readColumn("episode_index").int64Values,
                      let f = try r.readColumn("frame_index").int64Values, let t = try r.readColumn("task_index").int64Values
                else { throw ParquetError(.invalidValue, "an index column is not integer") }
                let ts = try r.readColumn("timestamp")
                guard let seconds = ts.doubleValues else { throw ParquetError(.invalidValue, "timestamp is not numeric") }
                columns.index += i; columns.episode += e; columns.frame += f; columns.task += t
                columns.timestamp += seconds
            } catch {
                report(.parquetFooterMissing, rel, "cannot read default columns: \(error.message)",
                       hint: "the file lacks lerobot's default columns or is corrupt; re-record the episode")
                readable = false
            }
        }
        checkRowCounts(files: files, rowsByFile: rowsByFile)
        guard readable else { return }
        checkIndex(columns.index, files: files, rowsByFile: rowsByFile)
        checkEpisodeColumns(columns)
    }

    private mutating func checkRowCounts(files: [String], rowsByFile: [String: Int]) {
        var expected: [String: Int] = [:]
        for e in reader.episodes { expected[e.dataPath, default: 0] += e.length }
        for (rel, rows) in expected.sorted(by: { $0.key < $1.key }) {
            if !files.contains(rel) {
                report(.rowCountMismatch, rel, "file is missing; the metadata puts \(rows) rows in it",
                       hint: "restore the file or remove its episodes from the metadata")
            } else if let actual = rowsByFile[rel], actual != rows {
                report(.rowCountMismatch, rel, "\(actual) rows, episode metadata says \(rows)",
                       hint: "the file and meta/episodes disagree; re-record or rebuild the metadata")
            }
        }
        for rel in files where expected[rel] == nil {
            report(.rowCountMismatch, rel, "\(rowsByFile[rel] ?? 0) rows that no episode refers to",
                   hint: "remove the stray file or add its episodes to the metadata")
        }
    }

    private func fileOf(row: Int, files: [String], rowsByFile: [String: Int]) -> String {
        var start = 0
        for f in files {
            let n = rowsByFile[f] ?? 0
            if row < start + n { return f }
            start += n
        }
        return files.last ?? "data"
    }

    private mutating func checkIndex(_ index: [Int64], files: [String], rowsByFile: [String: Int]) {
        for (row, value) in index.enumerated() where value != Int64(row) {
            report(.indexGap, fileOf(row: row, files: files, rowsByFile: rowsByFile),
                   "row \(row) has index \(value)",
                   hint: "index must be 0..N-1 across data files in path order; rewrite the index column")
            return
        }
    }

    private mutating func checkEpisodeColumns(_ c: Columns) {
        let fps = Double(info.fps)
        for e in reader.episodes where e.fromIndex >= 0 && e.toIndex <= c.episode.count && e.fromIndex <= e.toIndex {
            let rows = e.fromIndex..<e.toIndex
            if let bad = rows.first(where: { c.episode[$0] != Int64(e.episodeIndex) }) {
                report(.episodeIndexOrder, e.dataPath, "row \(bad) of episode \(e.episodeIndex) has episode_index \(c.episode[bad])",
                       hint: "data rows must be grouped by episode in episode order, matching meta/episodes")
            }
            if let bad = rows.first(where: { c.frame[$0] != Int64($0 - e.fromIndex) }) {
                report(.frameIndex, e.dataPath,
                       "episode \(e.episodeIndex) row \(bad - e.fromIndex) has frame_index \(c.frame[bad])",
                       hint: "frame_index must be 0..n-1 within each episode")
            }
            // lerobot stores float32(frame_index / fps) computed in float64. A float64 column
            // (other writers) is accepted when it casts to that float32 value, as lerobot casts it.
            if let bad = rows.first(where: { Float(c.timestamp[$0]) != Float(Double($0 - e.fromIndex) / fps) }) {
                let k = bad - e.fromIndex
                report(.timestamp, e.dataPath,
                       "episode \(e.episodeIndex) frame \(k) has timestamp \(c.timestamp[bad]), expected \(Float(Double(k) / fps))",
                       hint: "timestamps must be synthetic float32(frame_index / fps), not capture times")
            }
            if let bad = rows.first(where: { c.task[$0] < 0 || c.task[$0] >= Int64(reader.tasks.count) }) {
                report(.taskUnresolved, e.dataPath, "episode \(e.episodeIndex) row \(bad - e.fromIndex) has task_index \(c.task[bad])",
                       hint: "task_index must be a row of the tasks table (0..\(reader.tasks.count - 1))")
            }
        }
    }
}
