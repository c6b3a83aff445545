import CZlib

/// The pixel layouts ``PNGEncoder`` writes.
public enum PNGPixelFormat: String, Sendable, Hashable {
    /// 3 bytes per pixel, R G B.
    case rgb8
    /// 1 byte per pixel.
    case gray8
    /// 2 bytes per pixel given as host-order `UInt16` (e.g. depth in millimetres); written
    /// big-endian as the PNG spec requires.
    case gray16

    /// Bytes per pixel of the input buffer.
    public var bytesPerPixel: Int {
        switch self {
        case .rgb8: return 3
        case .gray8: return 1
        case .gray16: return 2
        }
    }

    var bitDepth: UInt8 { self == .gray16 ? 16 : 8 }
    var colorType: UInt8 { self == .rgb8 ? 2 : 0 }
}

/// An image in memory, ready to be encoded (rows top to bottom, no padding).
public struct PNGImage: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var format: PNGPixelFormat
    /// `width × height × format.bytesPerPixel` bytes.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, format: PNGPixelFormat, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }
}

/// Encodes images to PNG bytes with zlib: deterministic (no timestamps or text chunks, filter
/// type 0 on every row, one IDAT), so the same pixels always give the same file.
/// Pure computation; thread-safe.
public enum PNGEncoder {
    /// Encodes `pixels` (see ``PNGPixelFormat`` for the layout) at zlib `compressionLevel` (0–9).
    /// - Throws: `ERR_VIDEO_INVALID_INPUT` when the buffer size does not match the shape.
    public static func encode(width: Int, height: Int, format: PNGPixelFormat,
                              pixels: UnsafeRawBufferPointer, compressionLevel: Int32 = 6) throws -> [UInt8] {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw VideoError(.invalidInput, "PNG size \(width)x\(height) is not valid")
        }
        let rowBytes = width * format.bytesPerPixel
        guard pixels.count == rowBytes * height else {
            throw VideoError(.invalidInput, "PNG \(width)x\(height) \(format.rawValue) needs \(rowBytes * height) bytes, got \(pixels.count)",
                             hint: "pass width × height × \(format.bytesPerPixel) bytes")
        }
        // Raw scanlines: a filter byte (0 = None) before each row; 16-bit samples big-endian.
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        raw.withUnsafeMutableBytes { out in
            for y in 0..<height {
                let src = pixels.baseAddress! + y * rowBytes
                let dst = out.baseAddress! + y * (rowBytes + 1) + 1
                if format == .gray16 {
                    for i in 0..<width {
                        let value = src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
                        dst.storeBytes(of: value.bigEndian, toByteOffset: 2 * i, as: UInt16.self)
                    }
                } else {
                    dst.copyMemory(from: src, byteCount: rowBytes)
                }
            }
        }
        var compressed = [UInt8](repeating: 0, count: Int(compressBound(uLong(raw.count))))
        var compressedLength = uLong(compressed.count)
        let rc = compressed.withUnsafeMutableBufferPointer { dst in
            raw.withUnsafeBufferPointer { src in
                compress2(dst.baseAddress, &compressedLength, src.baseAddress, uLong(src.count), compressionLevel)
            }
        }
        guard rc == Z_OK else { throw VideoError(.invalidInput, "zlib compress2 failed with \(rc) (level \(compressionLevel))") }

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [format.bitDepth, format.colorType, 0, 0, 0]  // compression, filter method, no interlace
        appendChunk("IHDR", header[...], to: &png)
        appendChunk("IDAT", compressed[0..<Int(compressedLength)], to: &png)
        appendChunk("IEND", [][...], to: &png)
        return png
    }

    /// Encodes a ``PNGImage``.
    public static func encode(_ image: PNGImage, compressionLevel: Int32 = 6) throws -> [UInt8] {
        try image.pixels.withUnsafeBytes {
            try encode(width: image.width, height: image.height, format: image.format, pixels: $0, compressionLevel: compressionLevel)
        }
    }

    private static func appendChunk(_ type: String, _ data: ArraySlice<UInt8>, to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let typeBytes = Array(type.utf8)
        png += typeBytes
        png += data
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        png.appendBigEndian(UInt32(truncatingIfNeeded: crc))
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24)); append(UInt8((value >> 16) & 0xff))
        append(UInt8((value >> 8) & 0xff)); append(UInt8(value & 0xff))
    }
}
