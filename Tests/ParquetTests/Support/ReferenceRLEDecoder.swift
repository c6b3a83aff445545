/// A deliberately simple, independent decoder of the RLE / bit-packed hybrid,
/// used only to check the writer's encoder (the library's decoder belongs to
/// the reader and is tested on its own).
enum ReferenceRLEDecoder {
    struct Malformed: Error {}

    static func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [UInt32] {
        var values: [UInt32] = []
        var position = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard position < bytes.count else { throw Malformed() }
                let byte = bytes[position]
                position += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return result }
                shift += 7
            }
        }
        while values.count < count {
            let header = try varint()
            if header & 1 == 0 {
                var value: UInt32 = 0
                for i in 0..<((bitWidth + 7) / 8) {
                    guard position < bytes.count else { throw Malformed() }
                    value |= UInt32(bytes[position]) << (8 * UInt32(i))
                    position += 1
                }
                values += repeatElement(value, count: Int(header >> 1))
            } else {
                let total = Int(header >> 1) * 8
                var bit = 0
                for _ in 0..<total {
                    var value: UInt32 = 0
                    for b in 0..<bitWidth {
                        let index = position + (bit + b) / 8
                        guard index < bytes.count else { throw Malformed() }
                        if bytes[index] >> UInt8((bit + b) % 8) & 1 == 1 { value |= 1 << UInt32(b) }
                    }
                    bit += bitWidth
                    values.append(value)
                }
                position += total * bitWidth / 8
            }
        }
        guard position == bytes.count else { throw Malformed() }
        return Array(values.prefix(count))
    }
}
