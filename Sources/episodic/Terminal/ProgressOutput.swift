import Foundation

/// Writes progress to stderr: redrawn in place on a terminal (at most 5 times a second, as
/// the loop calls it), or one plain line per second otherwise, so logs stay readable.
///
/// Threading: the control loop's thread only. Writes are small and non-blocking in practice
/// (a terminal or a pipe drained by the reader).
struct ProgressOutput {
    let isTerminal: Bool
    private var drawnLines = 0
    private var lastPlain: UInt64 = 0

    init(isTerminal: Bool) {
        self.isTerminal = isTerminal
    }

    mutating func show(_ snapshot: ProgressSnapshot) {
        if isTerminal {
            let lines = ProgressRenderer.lines(snapshot)
            write(ProgressRenderer.redraw(lines, previousLineCount: drawnLines))
            drawnLines = lines.count
        } else {
            let now = PacedClock.now()
            guard now &- lastPlain >= 1_000_000_000 else { return }
            lastPlain = now
            write(ProgressRenderer.plainLine(snapshot) + "\n")
        }
    }

    /// Leaves the last screen on the terminal and moves below it.
    mutating func finish() {
        drawnLines = 0
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
