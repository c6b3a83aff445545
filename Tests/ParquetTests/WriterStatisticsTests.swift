import Testing
@testable import Parquet

/// Column statistics: PLAIN bytes of min/max in the type-defined order, and
/// what pyarrow reads back from a written footer.
@Suite("Writer: statistics")
struct WriterStatisticsTests {
    private func minMax(_ configure: (inout LeafValues) -> Void, _ type: PhysicalType) -> ([UInt8], [UInt8])? {
        var values = LeafValues(physicalType: type)
        configure(&values)
        return StatisticsBuilder.minMax(values)
    }

    @Test("floats ignore NaN; a zero min is -0.0 and a zero max is +0.0")
    func floats() {
        let a = minMax({ $0.floats = [.nan, 0.0, 2.5] }, .float)
        #expect(a?.0 == [0, 0, 0, 0x80])  // -0.0
        #expect(a?.1 == [0, 0, 0x20, 0x40])  // 2.5
        let b = minMax({ $0.floats = [-1, -0.0] }, .float)
        #expect(b?.0 == [0, 0, 0x80, 0xBF])  // -1
        #expect(b?.1 == [0, 0, 0, 0])  // +0.0
        #expect(minMax({ $0.doubles = [.nan, .nan] }, .double) == nil)
        let c = minMax({ $0.doubles = [-.infinity, 3] }, .double)
        #expect(c?.0 == [0, 0, 0, 0, 0, 0, 0xF0, 0xFF])
        #expect(c?.1 == [0, 0, 0, 0, 0, 0, 0x08, 0x40])
    }

    @Test("integers signed, booleans false < true, byte arrays unsigned lexicographic")
    func orders() {
        let i = minMax({ $0.int32s = [3, -5, 0] }, .int32)
        #expect(i?.0 == [0xFB, 0xFF, 0xFF, 0xFF])
        #expect(i?.1 == [3, 0, 0, 0])
        let l = minMax({ $0.int64s = [Int64.min, 1] }, .int64)
        #expect(l?.0 == [0, 0, 0, 0, 0, 0, 0, 0x80])
        #expect(l?.1 == [1, 0, 0, 0, 0, 0, 0, 0])
        let b = minMax({ $0.booleans = [true, true] }, .boolean)
        #expect(b?.0 == [1] && b?.1 == [1])
        let s = minMax({ values in
            for text in ["b", "é", "a", "ab"] { values.byteArrays.append(text) }
        }, .byteArray)
        #expect(s?.0 == Array("a".utf8))
        #expect(s?.1 == [0xC3, 0xA9])  // "é": 0xC3 sorts after every ASCII byte
        #expect(minMax({ _ in }, .int32) == nil)
    }

    @Test("pyarrow reads min, max and null count from the footer")
    func readBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("stats.parquet")
        _ = try WriterCrossCheckTests.writeSample(to: path, total: 60, groups: 1, options: .init())
        let dump = try PyArrow.dump(path)
        let columns = dump.rowGroups.first?["columns"] as? [[String: Any]] ?? []
        func stats(_ path: String) -> [String: Any] {
            columns.first { $0["path"] as? String == path }?["statistics"] as? [String: Any] ?? [:]
        }
        #expect(stats("i32")["min"] as? Int == -50)
        #expect(stats("i32")["max"] as? Int == 59 * 7 - 50)
        #expect(stats("i32")["null_count"] as? Int == 0)
        // d = r / 3: the min 0.0 is written as -0.0.
        #expect(stats("d")["min"] as? String == CanonicalValues.double(-0.0).trimmingCharacters(in: ["\""]))
        #expect(stats("d")["max"] as? String == CanonicalValues.double(59.0 / 3).trimmingCharacters(in: ["\""]))
        #expect(stats("s")["min"] as? String == "s:" + CanonicalValues.hex(Array("task 0 ü".utf8)))
        #expect(stats("s")["max"] as? String == "s:" + CanonicalValues.hex(Array("task 4 ü".utf8)))
        #expect(stats("opt_i64")["null_count"] as? Int == 15)  // r % 4 == 1
        #expect(stats("opt_i64")["min"] as? Int == -10)
        #expect(stats("opt_i64")["max"] as? Int == 49)
        #expect(stats("b")["min"] as? Bool == false)
        #expect(stats("b")["max"] as? Bool == true)
        // Dictionary for the 5 distinct strings; PLAIN for 60 distinct 3-byte blobs (the dictionary would not pay).
        let s = columns.first { $0["path"] as? String == "s" }
        let bin = columns.first { $0["path"] as? String == "bin" }
        #expect(s?["has_dictionary_page"] as? Bool == true)
        #expect((s?["encodings"] as? [String])?.contains("RLE_DICTIONARY") == true)
        #expect(bin?["has_dictionary_page"] as? Bool == false)
        #expect(bin?["encodings"] as? [String] == ["PLAIN", "RLE"])
    }
}
