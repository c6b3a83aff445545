extension VideoEncoderConfig {
    /// The full ffmpeg argument list that reads rgb24 frames on stdin and writes a fragmented
    /// MP4 to `spoolPath` (everything after the executable name).
    ///
    /// Why these flags (measured in platform.md §2):
    /// - `-r fps` on the rawvideo input: frame k gets pts k·(timescale/fps), exactly k/fps;
    /// - `-video_track_timescale fps·512`: a multiple of fps, so no rounding;
    /// - `frag_keyframe+empty_moov+default_base_moof` with `-flush_packets 1`: every fragment
    ///   reaches the disk as soon as it is complete, so a SIGKILLed encoder leaves a playable
    ///   prefix (≈ 140–148 of 150 frames) instead of a file without `moov`.
    func ffmpegArguments(spoolPath: String, encoder: String, hardware: HardwareEncoderProbe.Choice?) -> [String] {
        var args = ["-hide_banner", "-nostats", "-loglevel", "warning"]
        args += hardware?.inputArguments ?? []
        args += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", "\(width)x\(height)",
                 "-r", "\(fps)", "-i", "pipe:0", "-an"]
        args += hardware?.outputArguments ?? []
        args += ["-c:v", encoder]
        if hardware == nil {
            if let preset = preset ?? codec.defaultPreset { args += ["-preset", preset] }
            if let crf = crf ?? codec.defaultCRF { args += ["-crf", "\(crf)"] }
            args += ["-pix_fmt", pixelFormat]
        }
        args += ["-g", "\(gop)"]
        if let threads { args += ["-threads", "\(threads)"] }
        switch codec {
        case .hevc: args += ["-tag:v", "hvc1", "-x265-params", "log-level=error"]
        default: break
        }
        args += extraOptions
        args += ["-video_track_timescale", "\(timescale)",
                 "-movflags", "frag_keyframe+empty_moov+default_base_moof",
                 "-flush_packets", "1", "-f", "mp4", "-y", spoolPath]
        return args
    }
}
