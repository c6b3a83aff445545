#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Video

/// PNG bytes are checked by an independent decoder (python3 zlib + struct: CRCs, header, every
/// pixel) and pinned against bytes python builds the same way.
@Suite struct PNGTests {
    /// Decodes a filter-0 PNG in python, verifying every CRC, and prints
    /// "width height depth colortype" then the pixel samples as decimal numbers.
    static let decoder = """
    import sys, struct, zlib
    data = open(sys.argv[1], 'rb').read()
    assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'signature'
    pos, idat, hdr = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos+8]); body = data[pos+8:pos+8+n]
        crc, = struct.unpack('>I', data[pos+8+n:pos+12+n])
        assert zlib.crc32(kind + body) == crc, 'crc of ' + kind.decode()
        if kind == b'IHDR': hdr = struct.unpack('>IIBBBBB', body)
        if kind == b'IDAT': idat += body
        pos += 12 + n
    w, h, depth, ctype = hdr[:4]
    channels = 3 if ctype == 2 else 1
    bpp = channels * depth // 8
    raw = zlib.decompress(idat)
    samples = []
    for y in range(h):
        row = raw[y*(w*bpp+1):(y+1)*(w*bpp+1)]
        assert row[0] == 0, 'filter'
        px = row[1:]
        if depth == 16: samples += [struct.unpack('>H', px[i:i+2])[0] for i in range(0, len(px), 2)]
        else: samples += list(px)
    print(w, h, depth, ctype)
    print(' '.join(map(str, samples)))
    """

    func decode(_ path: String) throws -> (header: String, samples: [Int]) {
        let out = String(decoding: try runTool("python3", ["-c", Self.decoder, path]), as: UTF8.self)
        let lines = out.split(separator: "\n")
        return (String(lines[0]), lines.count > 1 ? lines[1].split(separator: " ").map { Int($0)! } : [])
    }

    @Test func rgb8RoundTripsExactly() throws {
        let dir = try TempDir("png")
        defer { dir.remove() }
        let (w, h) = (7, 5)
        let pixels: [UInt8] = (0..<(w * h * 3)).map { (i: Int) -> UInt8 in UInt8(truncatingIfNeeded: i * 37) }
        try PNGWriter().write(PNGImage(width: w, height: h, format: .rgb8, pixels: pixels), to: dir.file("rgb.png"))
        let decoded = try decode(dir.file("rgb.png"))
        #expect(decoded.header == "7 5 8 2")
        #expect(decoded.samples == pixels.map(Int.init))
        #expect(!FileManager.default.fileExists(atPath: dir.file(".rgb.png.episodic-tmp")))
    }

    @Test func gray8RoundTripsExactly() throws {
        let dir = try TempDir("png")
        defer { dir.remove() }
        let pixels = (0..<(9 * 4)).map { UInt8($0 * 7) }
        try PNGWriter().write(PNGImage(width: 9, height: 4, format: .gray8, pixels: pixels), to: dir.file("g8.png"))
        let decoded = try decode(dir.file("g8.png"))
        #expect(decoded.header == "9 4 8 0")
        #expect(decoded.samples == pixels.map(Int.init))
    }

    @Test func gray16IsWrittenBigEndianAndRoundTripsExactly() throws {
        let dir = try TempDir("png")
        defer { dir.remove() }
        let depth: [UInt16] = [0, 1, 255, 256, 1000, 4095, 65535, 12345, 54321, 0x0102, 0xfffe, 777]
        let bytes = depth.withUnsafeBytes { [UInt8]($0) }  // host order, as a depth camera delivers
        try PNGWriter().write(PNGImage(width: 4, height: 3, format: .gray16, pixels: bytes), to: dir.file("d.png"))
        let decoded = try decode(dir.file("d.png"))
        #expect(decoded.header == "4 3 16 0")
        #expect(decoded.samples == depth.map(Int.init))
        // ffmpeg reads it back as the same 16-bit values too.
        let raw = try runTool("ffmpeg", ["-v", "error", "-i", dir.file("d.png"), "-f", "rawvideo", "-pix_fmt", "gray16be", "-"])
        let values = stride(from: 0, to: raw.count, by: 2).map { Int(raw[$0]) << 8 | Int(raw[$0 + 1]) }
        #expect(values == depth.map(Int.init))
    }

    @Test func bytesAreDeterministicAndMatchAnIndependentBuild() throws {
        let pixels: [UInt8] = (0..<(16 * 8 * 3)).map { (i: Int) -> UInt8 in UInt8(truncatingIfNeeded: i * 13 + 5) }
        let image = PNGImage(width: 16, height: 8, format: .rgb8, pixels: pixels)
        let first = try PNGEncoder.encode(image)
        #expect(first == (try PNGEncoder.encode(image)))
        // python builds the same file from the same rules (filter 0 rows, zlib level 6, 3 chunks).
        let script = """
        import sys, struct, zlib
        w, h = 16, 8
        px = bytes(((i * 13 + 5) & 0xff) for i in range(w * h * 3))
        raw = b''.join(b'\\x00' + px[y*w*3:(y+1)*w*3] for y in range(h))
        def chunk(k, b): return struct.pack('>I', len(b)) + k + b + struct.pack('>I', zlib.crc32(k + b))
        png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) \\
            + chunk(b'IDAT', zlib.compress(raw, 6)) + chunk(b'IEND', b'')
        sys.stdout.buffer.write(png)
        """
        #expect(first == (try runTool("python3", ["-c", script])))
    }

    @Test func aWrongBufferSizeIsInvalidInput() {
        let error = #expect(throws: VideoError.self) {
            _ = try PNGEncoder.encode(PNGImage(width: 4, height: 4, format: .rgb8, pixels: [1, 2, 3]))
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message.contains("48 bytes") == true)
    }

    @Test func queueWritesInTheBackgroundAndCountsFiles() throws {
        let dir = try TempDir("png")
        defer { dir.remove() }
        let queue = ImageWriteQueue(capacity: 2)
        for k in 0..<10 {
            try queue.enqueue(PNGImage(width: 2, height: 2, format: .gray8, pixels: [UInt8(k), 1, 2, 3]), to: dir.file("f\(k).png"))
        }
        #expect(try queue.finish() == 10)
        #expect(try decode(dir.file("f7.png")).samples == [7, 1, 2, 3])
        #expect(throws: VideoError.self) { try queue.enqueue(PNGImage(width: 1, height: 1, format: .gray8, pixels: [0]), to: dir.file("late.png")) }
    }

    @Test func aWriteErrorSurfacesFromEnqueueAndFinish() throws {
        let dir = try TempDir("png")
        defer { dir.remove() }
        // A read-only directory: a read-only tmpfs when we may mount (root ignores chmod), else chmod 0555.
        let readOnly = dir.file("ro")
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        // A failed mount is not an error here: we fall back to chmod below.
        let mounted = (try? ChildProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", readOnly]))?.termination.isSuccess == true
        defer { if mounted { _ = try? ChildProcess.run("/bin/umount", [readOnly]) } }  // best effort cleanup
        if !mounted { chmod(readOnly, 0o555) }
        let image = PNGImage(width: 2, height: 2, format: .gray8, pixels: [1, 2, 3, 4])
        let direct = #expect(throws: VideoError.self) { try PNGWriter().write(image, to: readOnly + "/x.png") }
        #expect(direct?.code == .io)
        #expect(direct?.message.contains(readOnly + "/.x.png.episodic-tmp") == true)

        let queue = ImageWriteQueue(capacity: 4)
        try queue.enqueue(image, to: readOnly + "/a.png")
        let finishError = #expect(throws: VideoError.self) { try queue.finish() }
        #expect(finishError?.code == .io)
        #expect(finishError?.message.contains("a.png") == true)
    }
}
