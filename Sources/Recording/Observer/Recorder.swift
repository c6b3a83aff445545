// One source of a recording: what it records, and how it fills each tick's frame.

import LeRobot

/// One source of data in a recording — a robot's joint state, its action, a camera, any other
/// sensor, a microphone — as one small type registered with an ``Observer``.
///
/// Adding a source to a recording is writing one conforming type and passing it to the
/// observer: the observer declares its features, binds it to the session's reusable frame, tells
/// it when an episode starts and asks it to fill its part of every frame. Nothing else changes.
///
/// Lifecycle, all driven by the ``Observer``:
/// 1. ``features`` and ``audioStream`` are read once, when the observer is made, to build the
///    session's configuration.
/// 2. ``bind(to:)`` once, with the one ``FrameBuilder`` the observer reuses for every tick.
/// 3. Per episode: ``episodeWillStart(_:)``, then ``capture(into:tick:)`` once per tick.
///
/// Threading: every call comes from the thread that drives the observer (the control loop), one
/// at a time. A recorder that reads from a device keeps its own reader thread and hands the
/// latest value over in `capture` (as `FFmpegCameraSource` and `StateStreamReader` do).
public protocol Recorder: AnyObject {
    /// A short label for messages (a duplicate feature names both recorders with it). Defaults to
    /// the type's name; a recorder used more than once (two cameras) can say which one it is.
    var name: String { get }

    /// The dataset features this recorder fills on every tick: numeric vectors or scalars (every
    /// one of them must be set each tick, or the frame is refused) and cameras as `video` features
    /// (a camera it leaves unset is recorded as a counted gap). Read once, when the observer is
    /// made; declared by this recorder only — a name another recorder declares is refused.
    var features: [Feature] { get }

    /// The microphone stream this recorder fills with ``FrameBuilder/setAudio(samples:)``, or nil
    /// (the default). A session has at most one audio stream, so at most one recorder may set it.
    var audioStream: RecordingConfiguration.AudioStream? { get }

    /// Resolves this recorder's ``FrameBuilder/FrameKey``s once (``FrameBuilder/key(_:)``), so
    /// ``capture(into:tick:)`` never looks a name up. Called once, with the frame every later
    /// `capture` receives. A throw stops the observer from being made.
    func bind(to frame: FrameBuilder) throws

    /// Called after the session opened episode `index` and before its first tick (default: nothing).
    /// A discarded episode's re-recording gets the same `index` again, so a source that replays a
    /// scripted trajectory per episode (the demo robot) records the same one. Control-loop
    /// thread; may allocate (it runs between episodes, not per tick).
    func episodeWillStart(_ index: Int)

    /// Fills this recorder's features for tick `tick` of the open episode (0 for its first frame;
    /// it is the index the frame will get, and repeats if a tick was refused).
    ///
    /// Runs on the control-loop thread once per tick, before the frame is added: it must not
    /// block (no waiting on a device — take the newest value a reader thread left, or mark a
    /// camera's gap) and must not allocate (render into ``FrameBuilder/withCameraBuffer(_:_:)``,
    /// set values from buffers allocated in `init`), or it delays every other source and the robot.
    ///
    /// A throw refuses the whole tick: the observer resets the frame and adds nothing, so the
    /// episode's frame count is unchanged, then rethrows the error to the control loop.
    func capture(into frame: FrameBuilder, tick: Int) throws
}

extension Recorder {
    public var name: String { String(describing: type(of: self)) }
    public var audioStream: RecordingConfiguration.AudioStream? { nil }
    public func episodeWillStart(_ index: Int) {}
}
