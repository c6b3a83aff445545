import Foundation
import Testing
@testable import Video

@Suite struct AudioTests {
    @Test func s16StereoStreamIsExactBytesAndReadsBackInPython() throws {
        let dir = try TempDir("wav")
        defer { dir.remove() }
        let path = dir.file("a.wav")
        let writer = try WAVWriter(path: path, sampleRate: 16000, channels: 2, format: .s16le)
        let samples: [Int16] = [0, -1, 32767, -32768, 1234, -1234]
        try writer.append(Array(samples[0..<2]))
        try writer.append(Array(samples[2...]))
        let report = try writer.finish()
        #expect(report.frameCount == 3)
        #expect(report.duration == Rational(3, 16000))
        #expect(report.codec == "pcm_s16le")
        #expect(report.byteCount == 56)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))

        var expected: [UInt8] = Array("RIFF".utf8) + [48, 0, 0, 0] + Array("WAVEfmt ".utf8) + [16, 0, 0, 0, 1, 0, 2, 0]
        expected += [0x80, 0x3E, 0, 0] + [0x00, 0xFA, 0, 0] + [4, 0, 16, 0] + Array("data".utf8) + [12, 0, 0, 0]
        expected += [0, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x80, 0xD2, 0x04, 0x2E, 0xFB]
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == expected)

        let script = "import wave,struct,sys\nw=wave.open(sys.argv[1])\nn=w.getnframes()\nprint(w.getnchannels(),w.getframerate(),w.getsampwidth(),n,list(struct.unpack('<%dh'%(n*2),w.readframes(n))))"
        let out = String(decoding: try runTool("python3", ["-c", script, path]), as: UTF8.self)
        #expect(out == "2 16000 2 3 [0, -1, 32767, -32768, 1234, -1234]\n")
    }

    @Test func f32MonoHasAFactChunkAndProbesWithTheExactSampleCount() throws {
        let dir = try TempDir("wav")
        defer { dir.remove() }
        let path = dir.file("f.wav")
        let writer = try WAVWriter(path: path, sampleRate: 48000, channels: 1, format: .f32le)
        let second = (0..<48000).map { Float(sin(Double($0) * 2 * .pi * 440 / 48000)) * 0.5 }
        for start in stride(from: 0, to: 48000, by: 480) { try writer.append(Array(second[start..<(start + 480)])) }
        try writer.append([0.25, -0.25, 1.0])
        let report = try writer.finish()
        #expect(report.frameCount == 48003)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count == 58 + 48003 * 4)
        #expect(Array(bytes[38..<46]) == Array("fact".utf8) + [4, 0, 0, 0])
        #expect(Array(bytes[46..<50]) == [0x83, 0xBB, 0, 0])  // 48003
        #expect(Array(bytes[bytes.count - 4 ..< bytes.count]) == [0, 0, 0x80, 0x3F])  // 1.0f
        let probe = String(decoding: try runTool("ffprobe", ["-v", "error", "-show_entries",
            "stream=codec_name,sample_rate,channels,duration_ts", "-of", "csv=p=0", path]), as: UTF8.self)
        #expect(probe == "pcm_f32le,48000,1,48003\n")
    }

    @Test func aPartialSampleFrameIsRejected() throws {
        let dir = try TempDir("wav")
        defer { dir.remove() }
        let writer = try WAVWriter(path: dir.file("p.wav"), sampleRate: 8000, channels: 2, format: .s16le)
        let error = #expect(throws: VideoError.self) { try writer.append([1, 2, 3] as [Int16]) }
        #expect(error?.code == .invalidInput)
        #expect(throws: VideoError.self) { try writer.append([1.0] as [Float]) }
        #expect(try writer.finish().frameCount == 0)
    }

    @Test func aacEncodingKeepsRateChannelsAndLength() throws {
        let dir = try TempDir("wav")
        defer { dir.remove() }
        let writer = try WAVWriter(path: dir.file("src.wav"), sampleRate: 44100, channels: 2, format: .s16le)
        let samples = (0..<(44100 * 2)).map { Int16(truncatingIfNeeded: ($0 / 2) * 300 % 20000) }
        try writer.append(samples)
        let wav = try writer.finish()
        let aac = try AACEncoder().encode(wav, to: dir.file("a.m4a"))
        #expect(aac.codec == "aac" && aac.frameCount == 44100 && aac.sampleRate == 44100 && aac.channels == 2)
        let probe = String(decoding: try runTool("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries",
            "stream=codec_name,sample_rate,channels", "-of", "csv=p=0", aac.path]), as: UTF8.self)
        #expect(probe == "aac,44100,2\n")
        let duration = String(decoding: try runTool("ffprobe", ["-v", "error", "-show_entries", "format=duration",
            "-of", "csv=p=0", aac.path]), as: UTF8.self)
        #expect(abs((Double(duration.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) - 1.0) < 0.03)
    }
}
