// The ordered feature set of a dataset, with lerobot's five default features.

/// The features of a dataset in `info.json` order: the user's features first,
/// then lerobot's defaults `timestamp`, `frame_index`, `episode_index`, `index`,
/// `task_index` (the order `LeRobotDataset.create` appends them in).
///
/// Value type; safe to share across threads. Every instance is valid: the
/// initialisers validate names, dtypes and shapes.
public struct Features: Hashable, Sendable {
    /// All features, defaults included, in `info.json` order.
    public private(set) var all: [Feature]

    /// The names of lerobot's default features, in order.
    public static let defaultNames = ["timestamp", "frame_index", "episode_index", "index", "task_index"]

    /// lerobot's default features (`DEFAULT_FEATURES`).
    public static let defaults: [Feature] = [
        Feature("timestamp", dtype: .float32, shape: [1]),
        Feature("frame_index", dtype: .int64, shape: [1]),
        Feature("episode_index", dtype: .int64, shape: [1]),
        Feature("index", dtype: .int64, shape: [1]),
        Feature("task_index", dtype: .int64, shape: [1]),
    ]

    /// Builds the feature set from the user's features; the defaults are appended.
    ///
    /// - Throws: ``LeRobotError`` `ERR_FEATURE_NAME`, `ERR_FEATURE_SHAPE` or
    ///   `ERR_FEATURE_DTYPE` for the first invalid feature.
    public init(_ userFeatures: [Feature]) throws(LeRobotError) {
        for f in userFeatures where Self.defaultNames.contains(f.name) {
            throw LeRobotError(
                .featureName, "feature '\(f.name)' is one of lerobot's default features",
                hint: "do not declare \(Self.defaultNames.joined(separator: ", ")); they are added for you")
        }
        try self.init(complete: userFeatures + Self.defaults)
    }

    /// Builds the feature set from a complete list (as read from `info.json`),
    /// which must already contain the five defaults.
    public init(complete features: [Feature]) throws(LeRobotError) {
        var seen = Set<String>()
        for f in features {
            try Self.validate(f)
            guard seen.insert(f.name).inserted else {
                throw LeRobotError(.featureName, "feature '\(f.name)' is declared twice",
                                   hint: "give every feature a unique name")
            }
        }
        for (name, expected) in zip(Self.defaultNames, Self.defaults) {
            guard let f = features.first(where: { $0.name == name }) else {
                throw LeRobotError(.featureName, "default feature '\(name)' is missing",
                                   hint: "every LeRobot dataset has \(Self.defaultNames.joined(separator: ", "))")
            }
            guard f.shape == [1], f.dtype == expected.dtype || (name != "timestamp" && f.dtype == .int32)
                    || (name == "timestamp" && f.dtype == .float64) else {
                throw LeRobotError(.featureDType, "default feature '\(name)' is \(f.dtype.rawValue) \(f.shape)",
                                   hint: "'\(name)' must be \(expected.dtype.rawValue) with shape [1]")
            }
        }
        self.all = features
    }

    /// Checks one feature's name, dtype and shape.
    public static func validate(_ f: Feature) throws(LeRobotError) {
        if f.name.isEmpty || f.name.contains("/") {
            throw LeRobotError(
                .featureName, "feature name '\(f.name)' is empty or contains '/'",
                hint: "lerobot uses '/' to flatten episode metadata columns; use '.' as separator, e.g. 'observation.state'")
        }
        if f.shape.isEmpty || f.shape.contains(where: { $0 <= 0 }) {
            throw LeRobotError(.featureShape, "feature '\(f.name)' has shape \(f.shape)",
                               hint: "use [1] for a scalar, [n] for a vector, [height, width, 3] for a camera")
        }
        switch f.dtype {
        case .video, .image:
            guard f.shape.count == 3, f.shape[2] == 3 else {
                throw LeRobotError(.featureShape, "camera feature '\(f.name)' has shape \(f.shape)",
                                   hint: "cameras must be [height, width, 3] (HWC, RGB)")
            }
        case .string:
            guard f.shape == [1] else {
                throw LeRobotError(.featureShape, "string feature '\(f.name)' has shape \(f.shape)",
                                   hint: "string features have shape [1]")
            }
        default:
            guard f.shape.count == 1 else {
                throw LeRobotError(.featureShape, "feature '\(f.name)' has multi-dimensional shape \(f.shape)",
                                   hint: "flatten it to [n]; only 1-D numeric features are supported")
            }
        }
    }

    /// The feature with this name, if any.
    public subscript(name: String) -> Feature? { all.first { $0.name == name } }

    /// Features declared by the user (everything but the five defaults), in order.
    public var user: [Feature] { all.filter { !Self.defaultNames.contains($0.name) } }

    /// Video features in order (`video_keys` in lerobot).
    public var videos: [Feature] { all.filter { $0.dtype == .video } }

    /// Features that have a column in the data Parquet (everything but videos), in order.
    public var tableColumns: [Feature] { all.filter { $0.dtype != .video } }

    /// Features that get statistics (everything but strings), in order.
    public var withStatistics: [Feature] { all.filter { $0.dtype.hasStatistics } }
}
