// Checking a recording configuration before anything is written.

import Foundation
import LeRobot
import Video

extension RecordingConfiguration {
    /// The features as the dataset declares them, and the camera encoder configurations.
    struct Validated: Sendable {
        var features: Features
        var layout: RowLayout
        /// The camera and image features in feature order, each with the factory that writes it.
        var imageStreams: [ImageStreamSpec]
        /// Table features claimed by a registered ``RowWriterFactory``, grouped by factory (in
        /// registration order); the rest are stored by the engine.
        var rowStreams: [RowStreamSpec]
    }

    /// The table features one registered row writer factory claimed.
    struct RowStreamSpec: Sendable {
        var features: [Feature]
        var factory: any RowWriterFactory
    }

    /// One camera or image feature and the writer factory that claimed it.
    struct ImageStreamSpec: Sendable {
        var feature: Feature
        var factory: any ImageWriterFactory
        var name: String { feature.name }
        /// Bytes of one packed RGB frame.
        var frameBytes: Int { feature.shape[0] * feature.shape[1] * 3 }
    }

    /// The factories checked for each image feature: the registered ones, then the built-ins.
    var imageWriterFactories: [any ImageWriterFactory] {
        imageWriters + [VideoWriterFactory(configuration: self),
                        PNGWriterFactory(settings: imageSettings, finishTimeoutPerSecond: finishTimeoutPerSecond)]
    }

    /// Checks every setting; throws `ERR_RECORDING_INVALID_CONFIGURATION` naming the bad value
    /// (with the LeRobot or Video error as the cause where one exists). Does no I/O.
    public func validate() throws(RecordingError) {
        _ = try validated()
    }

    func validated() throws(RecordingError) -> Validated {
        func invalid(_ message: String, hint: String, cause: (any Error & Sendable)? = nil) -> RecordingError {
            RecordingError(.invalidConfiguration, message, hint: hint, cause: cause)
        }
        guard !root.isEmpty else { throw invalid("the dataset root is empty", hint: "pass a directory path") }
        guard fps > 0, fps <= 1000 else { throw invalid("fps \(fps) must be in 1...1000", hint: "use the control loop's rate") }
        let features: Features
        do {
            features = try Features(self.features)
        } catch {
            throw invalid("the features are invalid: \(error.message)", hint: error.hint ?? "fix the feature list", cause: error)
        }
        var imageStreams: [ImageStreamSpec] = []
        let factories = imageWriterFactories
        for f in features.user {
            switch f.dtype {
            case .float32, .float64, .int64, .int32, .bool:
                continue
            case .string:
                guard f.elementCount == 1 else {
                    throw invalid("string feature '\(f.name)' has shape \(f.shape); the engine records one string per frame",
                                  hint: "declare it with shape [1]")
                }
            case .video, .image:
                guard f.shape.count == 3, f.shape[2] == 3 else {
                    throw invalid("feature '\(f.name)' has shape \(f.shape); cameras and images are [height, width, 3]",
                                  hint: "declare packed RGB frames")
                }
                guard let factory = factories.first(where: { $0.claims(f) }) else {
                    throw invalid("no writer claims feature '\(f.name)' (\(f.dtype.rawValue))",
                                  hint: "register an ImageWriterFactory for it in imageWriters")
                }
                try factory.validate(f, fps: fps)
                imageStreams.append(ImageStreamSpec(feature: f, factory: factory))
            }
        }
        let rowStreams = try claimRowStreams(features)
        guard (1...65_536).contains(maxStringBytes) else {
            throw invalid("maxStringBytes \(maxStringBytes) must be in 1...65536", hint: "use the longest value a string feature takes")
        }
        for name in cameraEncodings.keys where features[name]?.dtype != .video {
            throw invalid("an encoder is configured for '\(name)', which is not a video feature", hint: "remove it or declare the camera")
        }
        guard commitQueueCapacity >= 1 else {
            throw invalid("commit queue capacity \(commitQueueCapacity) must be at least 1", hint: "a few episodes is enough")
        }
        guard saveMaxWait >= .zero, diskCheckInterval > .zero, finishTimeoutPerSecond >= .zero else {
            throw invalid("saveMaxWait, diskCheckInterval and finishTimeoutPerSecond must not be negative (interval > 0)",
                          hint: "use durations like .seconds(1)")
        }
        guard effectiveRowRingSlots >= 2 else {
            throw invalid("row ring slots \(effectiveRowRingSlots) must be at least 2", hint: "leave it nil for 8 s of frames")
        }
        let spool = effectiveSpoolDirectory
        guard spool != root, !spool.hasPrefix(root + "/") else {
            throw invalid("the spool directory \(spool) is inside the dataset \(root)", hint: "put it beside the dataset")
        }
        var audioCapacity = 0
        if let audio {
            let nameOK = !audio.name.isEmpty && audio.name != "." && audio.name != ".."
                && audio.name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)) }
            guard nameOK else {
                throw invalid("audio stream name '\(audio.name)' is not a plain directory name", hint: "use letters, digits, '_', '-' or '.'")
            }
            guard (1...384_000).contains(audio.sampleRate), (1...8).contains(audio.channels) else {
                throw invalid("audio stream '\(audio.name)': sample rate \(audio.sampleRate) / channels \(audio.channels) not valid",
                              hint: "use a rate in 1...384000 Hz and 1...8 channels")
            }
            let frames = audio.effectiveMaxFramesPerTick(fps: fps)
            guard frames >= 1, frames <= 1 << 20 else {
                throw invalid("audio stream '\(audio.name)': \(frames) sample frames per tick is out of range", hint: "leave maxFramesPerTick nil")
            }
            audioCapacity = frames * audio.channels
        }
        return Validated(features: features,
                         layout: RowLayout(features: features, audioCapacity: audioCapacity, stringCapacity: maxStringBytes),
                         imageStreams: imageStreams, rowStreams: rowStreams)
    }

    /// Groups the table features by the first registered row writer factory that claims them.
    private func claimRowStreams(_ features: Features) throws(RecordingError) -> [RowStreamSpec] {
        var claimed: [[Feature]] = Array(repeating: [], count: rowWriters.count)
        for f in features.user where !f.dtype.isVisual {
            if let i = rowWriters.firstIndex(where: { $0.claims(f) }) { claimed[i].append(f) }
        }
        var specs: [RowStreamSpec] = []
        for (i, factory) in rowWriters.enumerated() where !claimed[i].isEmpty {
            try factory.validate(claimed[i], fps: fps)
            specs.append(RowStreamSpec(features: claimed[i], factory: factory))
        }
        return specs
    }
}
