/// An operator command typed while recording, as robot operators know them from lerobot.
enum KeyCommand: Sendable, Equatable {
    /// `n` or →: save this episode and go on with the next.
    case saveAndNext
    /// `r` or ←: discard this episode and record it again.
    case rerecord
    /// `e` or Esc: save this episode and stop the session.
    case saveAndExit
    /// space: pause or resume the current episode.
    case togglePause

    /// Decodes the commands in `bytes` read from a raw-mode terminal, in order. Arrow keys come
    /// as `ESC [ C` / `ESC [ D` (or `ESC O C` / `ESC O D`); a lone Esc (not followed by `[`/`O`
    /// in the same read) is Esc. Unknown bytes are ignored.
    static func decode(_ bytes: [UInt8]) -> [KeyCommand] {
        var out: [KeyCommand] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x1B {
                if i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") || bytes[i + 1] == UInt8(ascii: "O") {
                    switch bytes[i + 2] {
                    case UInt8(ascii: "C"): out.append(.saveAndNext)
                    case UInt8(ascii: "D"): out.append(.rerecord)
                    default: break
                    }
                    i += 3
                    continue
                }
                out.append(.saveAndExit)
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "n"), UInt8(ascii: "N"): out.append(.saveAndNext)
            case UInt8(ascii: "r"), UInt8(ascii: "R"): out.append(.rerecord)
            case UInt8(ascii: "e"), UInt8(ascii: "E"): out.append(.saveAndExit)
            case UInt8(ascii: " "): out.append(.togglePause)
            default: break
            }
            i += 1
        }
        return out
    }
}
