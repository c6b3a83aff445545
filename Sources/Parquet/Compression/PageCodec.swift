import CSnappy
import CZstd

/// Block compression of page bodies, through the system's libsnappy and libzstd.
///
/// Why the C libraries rather than Swift ports: they are the reference
/// implementations that pyarrow itself links, Debian ships them, and a pure
/// Swift compressor would have to match their speed before it could be worth
/// the risk. Both are called on whole pages (a few hundred KiB at most).
public enum PageCodec {
    /// Codecs this library can write and read.
    public static let supported: [CompressionCodec] = [.uncompressed, .snappy, .zstd]

    /// The zstd level used when writing (pyarrow's default is 1 as well).
    public static let zstdLevel: Int32 = 1

    /// Compresses `input` with `codec`, appending the result to `output`.
    public static func compress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]
    ) throws(ParquetError) {
        switch codec {
        case .uncompressed:
            output.append(contentsOf: input)
        case .snappy:
            let bound = snappy_max_compressed_length(input.count)
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: bound))
            var length = bound
            let status = output.withUnsafeMutableBytes { out in
                snappy_compress(
                    input.baseAddress?.assumingMemoryBound(to: CChar.self) ?? emptyInput, input.count,
                    out.baseAddress!.advanced(by: start).assumingMemoryBound(to: CChar.self), &length)
            }
            guard status == SNAPPY_OK else {
                output.removeLast(bound)
                throw ParquetError(.decompression, "snappy compression failed (status \(status.rawValue))")
            }
            output.removeLast(bound - length)
        case .zstd:
            let bound = ZSTD_compressBound(input.count)
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: bound))
            let written = output.withUnsafeMutableBytes { out in
                ZSTD_compress(out.baseAddress!.advanced(by: start), bound, input.baseAddress, input.count, zstdLevel)
            }
            guard ZSTD_isError(written) == 0 else {
                output.removeLast(bound)
                throw ParquetError(.decompression, "zstd compression failed: \(String(cString: ZSTD_getErrorName(written)))")
            }
            output.removeLast(bound - written)
        default:
            throw ParquetError(.unsupported, "cannot write codec \(codec)", hint: "use uncompressed, snappy or zstd")
        }
    }

    /// Decompresses `input` that the page header says expands to exactly
    /// `uncompressedSize` bytes. A different size is corruption, not a warning.
    public static func decompress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, uncompressedSize: Int
    ) throws(ParquetError) -> [UInt8] {
        guard uncompressedSize >= 0 else {
            throw ParquetError(.corruptPage, "negative uncompressed page size \(uncompressedSize)")
        }
        switch codec {
        case .uncompressed:
            guard input.count == uncompressedSize else {
                throw ParquetError(
                    .corruptPage, "uncompressed page has \(input.count) bytes, header says \(uncompressedSize)")
            }
            return Array(input)
        case .snappy:
            var length = 0
            let source = input.baseAddress?.assumingMemoryBound(to: CChar.self) ?? emptyInput
            guard snappy_uncompressed_length(source, input.count, &length) == SNAPPY_OK,
                  length == uncompressedSize
            else {
                throw ParquetError(
                    .decompression, "snappy data does not expand to the \(uncompressedSize) bytes the page header says")
            }
            var output = [UInt8](repeating: 0, count: length)
            let status = output.withUnsafeMutableBytes { out in
                snappy_uncompress(source, input.count, out.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            }
            guard status == SNAPPY_OK, length == uncompressedSize else {
                throw ParquetError(.decompression, "snappy decompression failed (status \(status.rawValue))")
            }
            return output
        case .zstd:
            var output = [UInt8](repeating: 0, count: uncompressedSize)
            let result = output.withUnsafeMutableBytes { out in
                ZSTD_decompress(out.baseAddress, uncompressedSize, input.baseAddress, input.count)
            }
            guard ZSTD_isError(result) == 0 else {
                throw ParquetError(
                    .decompression, "zstd decompression failed: \(String(cString: ZSTD_getErrorName(result)))")
            }
            guard result == uncompressedSize else {
                throw ParquetError(
                    .decompression, "zstd data expands to \(result) bytes, page header says \(uncompressedSize)")
            }
            return output
        default:
            throw ParquetError(
                .unsupported, "pages compressed with \(codec) are not supported",
                hint: "rewrite the file with snappy, zstd or no compression")
        }
    }
}

/// A valid pointer for zero-length inputs (the C APIs reject NULL).
nonisolated(unsafe) private let emptyInput: UnsafePointer<CChar> = {
    let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    pointer.initialize(to: 0)
    return UnsafePointer(pointer)
}()
