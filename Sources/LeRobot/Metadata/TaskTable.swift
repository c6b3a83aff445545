// The task strings of a dataset and their indices.

/// Task strings indexed 0..<count in first-use order; each string appears once.
///
/// `task_index` in the data is a row position into `meta/tasks.parquet`
/// (lerobot looks tasks up with `iloc`), so indices are dense and never reordered.
/// Value type; not shared while being mutated.
public struct TaskTable: Hashable, Sendable {
    public private(set) var tasks: [String] = []
    private var indexByTask: [String: Int] = [:]

    public init() {}

    /// A table from tasks already in index order.
    ///
    /// - Throws: `ERR_TASK` for an empty or duplicated task.
    public init(_ tasks: [String]) throws(LeRobotError) {
        for t in tasks {
            guard index(of: t) == nil else {
                throw LeRobotError(.task, "task '\(t)' is listed twice", hint: "task strings must be unique")
            }
            try intern(t)
        }
    }

    public var count: Int { tasks.count }

    /// The index of `task`, if known.
    public func index(of task: String) -> Int? { indexByTask[task] }

    /// The task at `index`, if any.
    public func task(at index: Int) -> String? { tasks.indices.contains(index) ? tasks[index] : nil }

    /// The index of `task`, adding it at the end if new.
    ///
    /// - Throws: `ERR_TASK` for an empty string, or (from `init`) a duplicate.
    @discardableResult
    public mutating func intern(_ task: String) throws(LeRobotError) -> Int {
        guard !task.isEmpty else {
            throw LeRobotError(.task, "task string is empty", hint: "describe the task, e.g. \"pick the cube\"")
        }
        if let i = indexByTask[task] { return i }
        tasks.append(task)
        indexByTask[task] = tasks.count - 1
        return tasks.count - 1
    }

    /// `meta/tasks.jsonl` (v2.1): one `{"task_index": i, "task": "…"}` line per task.
    public var jsonlText: String {
        tasks.enumerated().map { i, t in
            JSONValue.object([("task_index", .int(Int64(i))), ("task", .string(t))]).pythonCompactJSON() + "\n"
        }.joined()
    }

    /// Parses `meta/tasks.jsonl`; lines must be sorted by `task_index` = line number.
    public static func parseJSONL(_ text: String, source: String = "meta/tasks.jsonl") throws(LeRobotError) -> TaskTable {
        var table = TaskTable()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let json = try JSONValue.parse(String(line), source: "\(source) line \(n + 1)")
            guard let i = json["task_index"]?.intValue, let t = json["task"]?.stringValue else {
                throw LeRobotError(.task, "\(source) line \(n + 1) lacks task_index/task", hint: "fix the line")
            }
            guard i == n, table.index(of: t) == nil else {
                throw LeRobotError(.task, "\(source) line \(n + 1): task_index \(i) out of order or task repeated",
                                   hint: "tasks must be unique and sorted by task_index 0..n-1")
            }
            try table.intern(t)
        }
        return table
    }
}
