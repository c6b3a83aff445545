// `meta/tasks.parquet`: tasks as a pandas DataFrame indexed by the task string.

import Parquet

/// `meta/tasks.parquet` as `pandas.DataFrame({"task_index": …}, index=pd.Index(tasks, name="task"))`
/// writes it: columns `task_index: int64`, `task: string`, and the `pandas` schema
/// metadata naming `task` as the index. Without that key pandas returns a RangeIndex
/// and lerobot silently yields the row number as the task (spec §1.4).
enum TasksParquet {
    static let schema = ParquetSchema([
        ParquetField("task_index", .int64, nullable: true),
        ParquetField("task", .string, nullable: true),
    ])

    static let pandasMetadata = JSONValue.object([
        ("index_columns", .array([.string("task")])),
        ("column_indexes", .array([.object([
            ("name", .null), ("field_name", .null), ("pandas_type", .string("unicode")),
            ("numpy_type", .string("object")), ("metadata", .object([("encoding", .string("UTF-8"))])),
        ])])),
        ("columns", .array([
            .object([("name", .string("task_index")), ("field_name", .string("task_index")),
                     ("pandas_type", .string("int64")), ("numpy_type", .string("int64")), ("metadata", .null)]),
            .object([("name", .string("task")), ("field_name", .string("task")),
                     ("pandas_type", .string("unicode")), ("numpy_type", .string("object")), ("metadata", .null)]),
        ])),
        ("attributes", .object([])),
        ("creator", .object([("library", .string("episodic")), ("version", .string("0.1.0"))])),
        ("pandas_version", .string("2.3.3")),
    ]).pythonCompactJSON(ensureASCII: true)

    static func bytes(_ tasks: TaskTable) throws(LeRobotError) -> [UInt8] {
        try parquetBytes(
            schema: schema,
            rowGroups: [[.int64((0..<tasks.count).map { Int64($0) }), .string(tasks.tasks)]],
            metadata: [KeyValue(key: "pandas", value: pandasMetadata)],
            path: DatasetPaths.tasksParquet)
    }
}
