import Foundation

/// A gate the encoder's writer thread waits at (test hook), opened by the test.
final class Gate: @unchecked Sendable {
    private let cond = NSCondition()
    private var isOpen = false
    /// Blocks the calling thread until ``open()``.
    func pass() {
        cond.lock()
        while !isOpen { cond.wait() }
        cond.unlock()
    }
    func open() {
        cond.lock()
        isOpen = true
        cond.broadcast()
        cond.unlock()
    }
}
