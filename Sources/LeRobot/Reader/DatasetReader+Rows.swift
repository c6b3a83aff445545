// Streaming an episode's table columns.

import Parquet

extension DatasetReader {
    /// The table columns (every non-video feature, in feature order) of episode `position`
    /// (its position in ``episodes``).
    ///
    /// - Throws: `ERR_DATASET_MISMATCH` if the data file cannot be read or its rows
    ///   do not hold the episode where the metadata says (by the `index` column).
    public func readEpisode(_ position: Int) throws(LeRobotError) -> [(name: String, column: ColumnData)] {
        let e = episodes[position]
        let path = root + "/" + e.dataPath
        let r = try Self.openParquet(path)
        defer { r.close() }
        guard let index = try Self.column(r, "index", path: path).int64Values else {
            throw LeRobotError(.mismatch, "\(path): 'index' is not an integer column", hint: "run episodic verify")
        }
        guard let start = index.firstIndex(of: Int64(e.fromIndex)), start + e.length <= index.count,
              index[start + e.length - 1] == Int64(e.toIndex - 1) else {
            throw LeRobotError(.mismatch, "\(path) does not hold rows \(e.fromIndex)..<\(e.toIndex) of episode \(e.episodeIndex)",
                               hint: "metadata and data disagree; run episodic verify")
        }
        var out: [(name: String, column: ColumnData)] = []
        for f in info.features.tableColumns {
            out.append((f.name, try Self.column(r, f.name, path: path).rows(start..<start + e.length)))
        }
        return out
    }
}
