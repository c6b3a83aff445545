// One named column (or camera) of a LeRobot dataset.

/// A feature of a dataset: its name, dtype, shape and per-dimension names, as
/// `meta/info.json` declares it.
///
/// Value type; safe to share across threads. Validation happens when a
/// ``Features`` collection is built.
public struct Feature: Hashable, Sendable {
    /// The key, e.g. `observation.state` or `observation.images.front`. Never contains `/`.
    public var name: String
    public var dtype: FeatureDType
    /// `[1]` for scalars, `[n]` for vectors, `[H, W, 3]` for cameras.
    public var shape: [Int]
    /// Per-dimension names as written in `info.json`: an array of strings, `null`,
    /// or (in some ported datasets) an object such as `{"axes": [...]}`.
    public var names: JSONValue
    /// The physical unit of the values (`"rad"`, `"m"`, …). Our addition: stored in
    /// the `episodic` block of `info.json`, never inside lerobot's feature entry.
    public var unit: String?
    /// The camera `info` block (`video.codec`, `video.fps`, …) for video features.
    public var info: JSONValue?

    public init(
        _ name: String, dtype: FeatureDType, shape: [Int], names: [String]? = nil,
        unit: String? = nil, info: JSONValue? = nil
    ) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.names = names.map { .array($0.map { .string($0) }) } ?? .null
        self.unit = unit
        self.info = info
    }

    /// A float32 vector feature such as a joint state or action.
    public static func vector(_ name: String, names: [String], dtype: FeatureDType = .float32, unit: String? = nil) -> Feature {
        Feature(name, dtype: dtype, shape: [names.count], names: names, unit: unit)
    }

    /// A camera stored as video, shape `[height, width, 3]`.
    public static func video(_ name: String, height: Int, width: Int) -> Feature {
        Feature(name, dtype: .video, shape: [height, width, 3], names: ["height", "width", "channels"])
    }

    /// A camera stored as embedded PNG images, shape `[height, width, 3]`.
    public static func image(_ name: String, height: Int, width: Int) -> Feature {
        Feature(name, dtype: .image, shape: [height, width, 3], names: ["height", "width", "channels"])
    }

    /// Number of scalar values per frame for table features (product of the shape).
    public var elementCount: Int { shape.reduce(1, *) }

    /// Whether the data Parquet stores a scalar (shape `[1]`) rather than a list.
    public var isScalar: Bool { shape == [1] }

    /// The per-dimension names if they are a plain list of strings.
    public var nameList: [String]? {
        names.arrayValue?.compactMap(\.stringValue)
    }
}
