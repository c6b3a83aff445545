import Testing
@testable import Parquet

@Suite("Page codecs")
struct PageCodecTests {
    @Test("compress then decompress returns the input", arguments: PageCodec.supported)
    func roundTrip(codec: CompressionCodec) throws {
        let input = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7 / 3) }
        var compressed: [UInt8] = []
        try input.withUnsafeBytes { try PageCodec.compress(codec, $0, appendingTo: &compressed) }
        if codec != .uncompressed { #expect(compressed.count < input.count) }
        let restored = try compressed.withUnsafeBytes {
            try PageCodec.decompress(codec, $0, uncompressedSize: input.count)
        }
        #expect(restored == input)
    }

    @Test("a size other than the header's is an error", arguments: PageCodec.supported)
    func wrongSize(codec: CompressionCodec) throws {
        let input = [UInt8](repeating: 42, count: 1000)
        var compressed: [UInt8] = []
        try input.withUnsafeBytes { try PageCodec.compress(codec, $0, appendingTo: &compressed) }
        #expect(throws: ParquetError.self) {
            try compressed.withUnsafeBytes { try PageCodec.decompress(codec, $0, uncompressedSize: 999) }
        }
    }

    @Test("garbage input is a typed error, not a crash")
    func garbage() {
        let junk: [UInt8] = [0xff, 0xfe, 0x00, 0x13, 0x37, 0x99, 0x01]
        for codec in [CompressionCodec.snappy, .zstd] {
            #expect(throws: ParquetError.self) {
                try junk.withUnsafeBytes { try PageCodec.decompress(codec, $0, uncompressedSize: 100) }
            }
        }
        #expect(throws: ParquetError.self) {
            try junk.withUnsafeBytes { try PageCodec.decompress(.gzip, $0, uncompressedSize: 100) }
        }
    }
}
