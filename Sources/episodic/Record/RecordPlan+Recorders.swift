import Recording
import RobotSources

extension RecordPlan {
    /// The plan's sources as recorders for an ``Observer``, in the order that gives the dataset
    /// its feature order (`observation.state`, `action`, then one video per camera in flag order)
    /// and lets the synthetic cameras film this tick's joints: the arm (demo or external state),
    /// the tone, then the cameras.
    ///
    /// - Parameters:
    ///   - stateReader: the started external state reader (`--state-from`), nil for the demo arm.
    ///   - ffmpegCameras: the started sources of the plan's `.ffmpeg` cameras, in plan order.
    func makeRecorders(stateReader: StateStreamReader?, ffmpegCameras: [FFmpegCameraSource]) -> [any Recorder] {
        let arm: any Recorder & JointSource
        if let stateReader {
            arm = ExternalStateRecorder(reader: stateReader, jointNames: jointNames)
        } else {
            arm = DemoArmRecorder(config: DemoRobotConfig(jointCount: joints, fps: fps, seed: seed))
        }
        var recorders: [any Recorder] = [arm]
        if audioTone { recorders.append(ToneRecorder(fps: fps)) }
        var ffmpeg = ffmpegCameras.makeIterator()
        for camera in cameras {
            switch camera.source {
            case .synthetic(let index):
                recorders.append(SyntheticCameraRecorder(feature: camera.feature, width: width, height: height,
                                                         viewpoint: index, joints: arm))
            case .ffmpeg:
                guard let source = ffmpeg.next() else { preconditionFailure("no started source for camera \(camera.name)") }
                recorders.append(FFmpegCameraRecorder(feature: camera.feature, width: width, height: height, source: source))
            }
        }
        return recorders
    }

    /// The session settings the recorders' features and audio are merged into.
    var recordingConfiguration: RecordingConfiguration {
        RecordingConfiguration(root: output, version: version, fps: fps, robotType: robotType, features: [],
                               defaultCameraEncoding: CameraEncoding(codec: codec), resume: resume)
    }
}
