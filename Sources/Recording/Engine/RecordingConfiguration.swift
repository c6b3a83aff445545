// Everything a recording session needs to know before it starts.

import LeRobot
import Video

/// The settings of one ``RecordingSession``: where and in which format to write, the features,
/// the cameras' encoders, the commit queue, the disk floor and the approval gate.
///
/// ``validate()`` checks it all up front (``RecordingSession/init(configuration:)`` calls it), so a
/// bad configuration is reported with a typed error before anything is written.
/// Value type; safe to share.
public struct RecordingConfiguration: Sendable {
    /// The dataset directory (must not contain `meta/info.json` yet).
    public var root: String
    /// Dataset format: v3.0 (default) or v2.1.
    public var version: CodebaseVersion
    /// Frames per second; `timestamp = frame_index / fps`.
    public var fps: Int
    /// `robot_type` in `info.json`.
    public var robotType: String?
    /// The user features: numeric vectors/scalars (`float32`, `float64`, `int64`, `int32`, `bool`),
    /// `string` values, cameras (`video`) and `image` features. The five default features are
    /// added by the dataset.
    public var features: [Feature]
    /// Encoder settings per camera name; cameras not listed use ``defaultCameraEncoding``.
    public var cameraEncodings: [String: CameraEncoding]
    /// Encoder settings of cameras without an entry in ``cameraEncodings``.
    public var defaultCameraEncoding: CameraEncoding
    /// Episodes queued or committing at once; a save beyond it waits up to ``saveMaxWait``.
    public var commitQueueCapacity: Int
    /// How long ``RecordingSession/saveEpisode()`` may wait for room in a full commit queue
    /// (zero: never wait; the save then fails with `ERR_COMMIT_QUEUE_FULL_TIMEOUT`).
    public var saveMaxWait: Duration
    /// Retries of transient commit errors.
    public var retry: RetryPolicy
    /// Free bytes that must remain on the dataset's file system; below it recording stops
    /// with `ERR_DISK_FULL`. 0 disables the floor (ENOSPC still stops it).
    public var diskFloorBytes: UInt64
    /// How often free space is checked while recording.
    public var diskCheckInterval: Duration
    /// Asked once in ``RecordingSession/start(task:)``; nothing is written before it approves.
    public var approvalGate: any ApprovalGate
    /// Slots of the row ring between `addFrame` and the row consumer; nil = 8 seconds of frames.
    public var rowRingSlots: Int?
    /// Where encoders write while recording (one sub-directory per episode take); nil = a
    /// sibling of the dataset, `<root>.spool`. A failed episode's files stay there.
    public var spoolDirectory: String?
    /// Encoder finish bound per second of episode, added to each camera's `finishTimeout`.
    public var finishTimeoutPerSecond: Duration
    /// Append to the existing dataset at ``root`` (ours or lerobot's, clean, same version, fps
    /// and features) instead of creating a new one; episode numbers continue after its last.
    public var resume: Bool
    /// An optional microphone stream written as a WAV beside each episode (nil: no audio).
    public var audio: AudioStream?
    /// Output formats for camera and image features, checked in order before the built-in ones
    /// (``VideoWriterFactory`` for `video`, ``PNGWriterFactory`` for `image`): the first factory
    /// that claims a feature writes it. Registering one is all a new output format needs.
    public var imageWriters: [any ImageWriterFactory]
    /// Output formats for table (numeric and string) features, checked in order; a feature no
    /// factory claims is stored by the engine itself (parquet columns and statistics).
    public var rowWriters: [any RowWriterFactory]
    /// How the built-in writer encodes `image` features (PNG per frame, embedded in the parquet).
    public var imageSettings: PNGImageSettings
    /// The longest value (UTF-8 bytes) a `string` feature may take in one frame; each row-ring
    /// slot reserves this much per string feature, so keep it to what the feature needs.
    public var maxStringBytes: Int

    public init(
        root: String, version: CodebaseVersion = .v3_0, fps: Int, robotType: String? = nil, features: [Feature],
        cameraEncodings: [String: CameraEncoding] = [:], defaultCameraEncoding: CameraEncoding = CameraEncoding(),
        commitQueueCapacity: Int = 4, saveMaxWait: Duration = .zero,
        retry: RetryPolicy = RetryPolicy(), diskFloorBytes: UInt64 = 0, diskCheckInterval: Duration = .milliseconds(500),
        approvalGate: any ApprovalGate = ImmediateApproval(), rowRingSlots: Int? = nil, spoolDirectory: String? = nil,
        finishTimeoutPerSecond: Duration = .milliseconds(500), resume: Bool = false,
        audio: AudioStream? = nil, imageWriters: [any ImageWriterFactory] = [],
        imageSettings: PNGImageSettings = PNGImageSettings(), maxStringBytes: Int = 256,
        rowWriters: [any RowWriterFactory] = []
    ) {
        self.root = root
        self.version = version
        self.fps = fps
        self.robotType = robotType
        self.features = features
        self.cameraEncodings = cameraEncodings
        self.defaultCameraEncoding = defaultCameraEncoding
        self.commitQueueCapacity = commitQueueCapacity
        self.saveMaxWait = saveMaxWait
        self.retry = retry
        self.diskFloorBytes = diskFloorBytes
        self.diskCheckInterval = diskCheckInterval
        self.approvalGate = approvalGate
        self.rowRingSlots = rowRingSlots
        self.spoolDirectory = spoolDirectory
        self.finishTimeoutPerSecond = finishTimeoutPerSecond
        self.resume = resume
        self.audio = audio
        self.imageWriters = imageWriters
        self.rowWriters = rowWriters
        self.imageSettings = imageSettings
        self.maxStringBytes = maxStringBytes
    }

    /// The spool directory actually used.
    public var effectiveSpoolDirectory: String { spoolDirectory ?? DatasetRecovery.spoolDirectory(of: root) }

    /// Row ring slots actually used (a power of two is not required; the ring rounds up).
    public var effectiveRowRingSlots: Int { rowRingSlots ?? max(64, fps * 8) }

    /// The encoder settings of camera `name`.
    public func encoding(of name: String) -> CameraEncoding { cameraEncodings[name] ?? defaultCameraEncoding }

    /// The bound for finishing one camera stream of `frames` frames: its `finishTimeout` plus
    /// ``finishTimeoutPerSecond`` per second of video, so long episodes get proportionally longer.
    public func finishTimeout(camera name: String, frames: Int) -> Duration {
        encoding(of: name).finishTimeout + finishTimeoutPerSecond * (Double(frames) / Double(max(fps, 1)))
    }
}
