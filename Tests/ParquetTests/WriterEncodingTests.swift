import Testing
@testable import Parquet

/// RLE / bit-packed hybrid vectors (Encodings.md) and PLAIN bytes.
@Suite("Writer: RLE hybrid and PLAIN encodings")
struct WriterEncodingTests {
    @Test("a run of 8 or more equal values is one RLE run")
    func rleRun() {
        #expect(RLEEncoder.encode([UInt8](repeating: 1, count: 10), bitWidth: 1) == [0x14, 0x01])
        #expect(RLEEncoder.encode([UInt32](repeating: 0xFFFF_FFFF, count: 9), bitWidth: 32)
            == [0x12, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(RLEEncoder.encode([UInt32](repeating: 0x1_0203, count: 300), bitWidth: 17)
            == [0xD8, 0x04, 0x03, 0x02, 0x01])  // varint(600), value in 3 bytes
    }

    @Test("the spec's bit-packing example: 0…7 at 3 bits")
    func specExample() {
        #expect(RLEEncoder.encode([UInt8](0...7), bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test("bit width 0 writes no value bytes")
    func widthZero() {
        #expect(RLEEncoder.encode([UInt8](repeating: 0, count: 3), bitWidth: 0) == [0x03])
        #expect(RLEEncoder.encode([UInt8](repeating: 0, count: 20), bitWidth: 0) == [0x28])
    }

    @Test("a short run after literals stays literal; the last group is zero-padded")
    func shortRunStaysLiteral() {
        let values: [UInt8] = [1, 2, 3] + [UInt8](repeating: 0, count: 10)
        #expect(RLEEncoder.encode(values, bitWidth: 2) == [0x05, 0x39, 0x00, 0x00, 0x00])
    }

    @Test("literals are a whole number of groups before an RLE run")
    func literalsThenRun() {
        let values: [UInt8] = [1, 2, 3, 1, 2, 3, 1, 2] + [UInt8](repeating: 3, count: 12)
        #expect(RLEEncoder.encode(values, bitWidth: 2) == [0x03, 0x79, 0x9E, 0x18, 0x03])
        // 5 literals borrow 3 values from the run of 11, leaving an RLE run of 8.
        let borrowed: [UInt8] = [0, 1, 0, 1, 0] + [UInt8](repeating: 1, count: 11)
        #expect(RLEEncoder.encode(borrowed, bitWidth: 1) == [0x03, 0b1110_1010, 0x10, 0x01])
    }

    @Test("round trip through a reference decoder at every bit width 0…32")
    func roundTripAllWidths() throws {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for width in 0...32 {
            let mask: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
            var values: [UInt32] = []
            while values.count < 1000 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let value = UInt32(truncatingIfNeeded: (seed >> 20) & mask)
                let repeats = Int(seed >> 60) % 3 == 0 ? Int(seed >> 50) % 30 + 1 : 1
                values += repeatElement(value, count: repeats)
            }
            let encoded = RLEEncoder.encode(values, bitWidth: width)
            #expect(try ReferenceRLEDecoder.decode(encoded, bitWidth: width, count: values.count) == values,
                    "bit width \(width)")
        }
    }

    @Test("PLAIN: booleans LSB first, little-endian numbers, length-prefixed byte arrays")
    func plain() {
        var values = LeafValues(physicalType: .boolean)
        values.booleans = [true, false, true, true, false, false, false, false, true]
        #expect(plain(values) == [0x0D, 0x01])

        values = LeafValues(physicalType: .int32)
        values.int32s = [1, -1]
        #expect(plain(values) == [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF])

        values = LeafValues(physicalType: .int64)
        values.int64s = [-2]
        #expect(plain(values) == [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])

        values = LeafValues(physicalType: .float)
        values.floats = [1.5]
        #expect(plain(values) == [0, 0, 0xC0, 0x3F])

        values = LeafValues(physicalType: .double)
        values.doubles = [1.0]
        #expect(plain(values) == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])

        values = LeafValues(physicalType: .byteArray)
        values.byteArrays.append("ab")
        values.byteArrays.append("")
        values.byteArrays.append([0xFF])
        #expect(plain(values) == [2, 0, 0, 0, 0x61, 0x62, 0, 0, 0, 0, 1, 0, 0, 0, 0xFF])
    }

    private func plain(_ values: LeafValues) -> [UInt8] {
        var output: [UInt8] = []
        PlainEncoder.encode(values, 0..<values.count, appendingTo: &output)
        return output
    }
}
