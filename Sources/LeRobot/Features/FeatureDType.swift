// The dtypes a LeRobot feature can declare in `info.json`.

/// The `dtype` of a feature, spelled as lerobot spells it in `info.json`.
public enum FeatureDType: String, Hashable, Sendable, CaseIterable {
    case float32
    case float64
    case int64
    case int32
    case bool
    case string
    /// A camera stored as an mp4 per episode (or per file); no Parquet column.
    case video
    /// A camera stored as PNG bytes inside the data Parquet (`struct<bytes, path>`).
    case image

    /// Whether frames of this feature are pictures (video or embedded image).
    public var isVisual: Bool { self == .video || self == .image }

    /// Whether lerobot computes statistics for this dtype (all but strings).
    public var hasStatistics: Bool { self != .string }

    /// Parses a dtype string from `info.json`.
    ///
    /// - Throws: `ERR_FEATURE_DTYPE` for anything else (`"language"` and `float16`
    ///   included: this library does not write or read them).
    public static func parse(_ text: String, feature: String) throws(LeRobotError) -> FeatureDType {
        guard let dtype = FeatureDType(rawValue: text) else {
            throw LeRobotError(
                .featureDType, "feature '\(feature)' has unknown dtype '\(text)'",
                hint: "use one of \(FeatureDType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return dtype
    }
}
