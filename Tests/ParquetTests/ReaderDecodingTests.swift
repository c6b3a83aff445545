import Testing
@testable import Parquet

/// The reader's value decoders on hand-made bytes (spec vectors, the writer's
/// encoder, and malformed runs).
@Suite("Reader: RLE and PLAIN decoding")
struct ReaderDecodingTests {
    static func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws(ParquetError) -> [UInt32] {
        var output: [UInt32] = []
        try bytes.withBytes { (raw) throws(ParquetError) in
            var decoder = try RLEDecoder(raw, bitWidth: bitWidth, context: "test")
            try decoder.decode(count: count, into: &output)
        }
        return output
    }

    @Test("the Encodings.md example: bit-packed 0..7 at width 3")
    func specVector() throws {
        #expect(try Self.decode([0x03, 0x88, 0xC6, 0xFA], bitWidth: 3, count: 8) == Array(0...7))
        // An RLE run of ten 1s at width 1, then asking for fewer values clamps the run.
        #expect(try Self.decode([0x14, 0x01], bitWidth: 1, count: 4) == [1, 1, 1, 1])
    }

    @Test("the writer's encoder round-trips through the reader's decoder at every width", arguments: 0...32)
    func roundTrip(bitWidth: Int) throws {
        let mask: UInt64 = bitWidth == 0 ? 0 : (1 << UInt64(bitWidth)) - 1
        var values: [UInt32] = []
        for index in 0..<1000 {
            // Runs (repeat) and noise (bit-packed), covering the top bit of the width.
            let raw: UInt64 = index % 100 < 40 ? mask : UInt64(index &* 2_654_435_761) & mask
            values.append(UInt32(raw))
        }
        let encoded = RLEEncoder.encode(values, bitWidth: bitWidth)
        #expect(try Self.decode(encoded, bitWidth: bitWidth, count: values.count) == values)
    }

    @Test(
        "malformed runs are .corruptPage",
        arguments: [
            ("no data", [], 3),
            ("bit-packed run past the end", [0x05, 0x88], 3),
            ("RLE value missing", [0x14], 9),
            ("empty RLE run", [0x00, 0x01], 1),
            ("varint without end", [0xff, 0xff, 0xff], 1),
            ("too few values", [0x04, 0x01], 1),
        ] as [(String, [UInt8], Int)])
    func malformed(label: String, bytes: [UInt8], bitWidth: Int) {
        let error = #expect(throws: ParquetError.self, "\(label)") {
            _ = try Self.decode(bytes, bitWidth: bitWidth, count: 5)
        }
        #expect(error?.code == .corruptPage)
    }

    @Test("PLAIN values: fixed width, booleans, strings, and short pages")
    func plain() throws {
        var ints: [Int32] = []
        let bytes: [UInt8] = [1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 9]
        let used = try bytes.withBytes { (raw) throws(ParquetError) in
            try Int32.decodePlain(raw, count: 2, into: &ints, context: "test")
        }
        #expect(ints == [1, -1])
        #expect(used == 8)

        var flags: [Bool] = []
        _ = try [UInt8]([0b0000_0101, 0b1]).withBytes { (raw) throws(ParquetError) in
            try Bool.decodePlain(raw, count: 9, into: &flags, context: "test")
        }
        #expect(flags == [true, false, true, false, false, false, false, false, true])

        var strings: [String] = []
        _ = try [UInt8]([2, 0, 0, 0, 0xc3, 0xa9, 0, 0, 0, 0]).withBytes { (raw) throws(ParquetError) in
            try String.decodePlain(raw, count: 2, into: &strings, context: "test")
        }
        #expect(strings == ["é", ""])

        for (label, data, count) in [
            ("int32 short", [UInt8](repeating: 0, count: 7), 2),
            ("length past end", [5, 0, 0, 0, 1], 1),
            ("invalid UTF-8", [1, 0, 0, 0, 0xff], 1),
            ("huge count", [0, 0, 0, 0], 1 << 40),
        ] as [(String, [UInt8], Int)] {
            let error = #expect(throws: ParquetError.self, "\(label)") {
                var sink: [String] = []
                var ints: [Int32] = []
                try data.withBytes { (raw) throws(ParquetError) in
                    if label.hasPrefix("int32") {
                        _ = try Int32.decodePlain(raw, count: count, into: &ints, context: "test")
                    } else {
                        _ = try String.decodePlain(raw, count: count, into: &sink, context: "test")
                    }
                }
            }
            #expect(error?.code == .corruptPage, "\(label)")
        }
    }
}
