/// An error from a data source (simulated robot, external state stream, camera input).
public struct SourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, documented code (docs/errors.md).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        private init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// An external state line is not a JSON object.
        public static let stateLineJSON = Code("ERR_STATE_LINE_JSON")
        /// An external state line lacks a feature the dataset declares.
        public static let stateLineMissingKey = Code("ERR_STATE_LINE_MISSING_KEY")
        /// An external state line has a key the dataset does not declare.
        public static let stateLineUnknownKey = Code("ERR_STATE_LINE_UNKNOWN_KEY")
        /// A value is not an array of finite numbers.
        public static let stateLineType = Code("ERR_STATE_LINE_TYPE")
        /// An array has the wrong number of elements for its feature.
        public static let stateLineShape = Code("ERR_STATE_LINE_SHAPE")
        /// ffmpeg could not be started for a camera, or it exited before delivering a frame.
        public static let cameraStart = Code("ERR_CAMERA_START")
        /// A camera's configuration is impossible (size, fps, name).
        public static let cameraConfig = Code("ERR_CAMERA_CONFIG")
        /// An external state endpoint could not be opened (bad `udp://` address, port in use).
        public static let stateEndpoint = Code("ERR_STATE_ENDPOINT")
    }

    public var code: Code
    public var message: String
    public var hint: String?

    public init(_ code: Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(code): \(message) (\($0))" } ?? "\(code): \(message)"
    }
}
