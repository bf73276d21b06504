import Foundation
@testable import NeuralNet

/// A fresh folder for one test's files, and small helpers to make the odd kinds of files the readers
/// and writers must refuse (FIFOs, sparse giants).
enum TestFolder {
    static func make() -> String {
        let path = NSTemporaryDirectory() + "neuralnet-files-\(getpid())-\(UInt64.random(in: 0 ... .max))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    static func write(_ bytes: [UInt8], to path: String) {
        precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    static func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    /// A file of `size` bytes that takes no disk space (`ftruncate` of an empty file).
    static func sparse(_ path: String, size: Int) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0 && ftruncate(fd, off_t(size)) == 0)
        close(fd)
    }

    /// Runs `body` with a FIFO at `path`. Were a reader to block in `open` (the bug being guarded
    /// against), a writer opening the FIFO after `rescueAfter` seconds releases it, so the test fails on
    /// its time check instead of hanging the suite.
    static func withFIFO(_ path: String, rescueAfter: Double = 5, _ body: () throws -> Void) rethrows {
        precondition(mkfifo(path, 0o644) == 0)
        let done = Atomic(false)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: rescueAfter)
            if !done.value {
                let fd = open(path, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
        }
        defer { done.value = true }
        try body()
    }

    final class Atomic<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: T
        init(_ value: T) { stored = value }
        var value: T {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}
