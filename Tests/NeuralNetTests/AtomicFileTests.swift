import Foundation
import Testing
@testable import NeuralNet

/// F6 and the stale temporaries: what `AtomicFile` replaces, what it refuses, and what it leaves behind.
@Suite struct AtomicFileTests {
    func mode(_ path: String) -> mode_t {
        var info = stat()
        precondition(stat(path, &info) == 0)
        return info.st_mode & 0o7777
    }

    @Test("a regular file is replaced whole, keeping its permission bits, with nothing left beside it")
    func replacesKeepingMode() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        let path = dir + "/model.safetensors"
        TestFolder.write([1, 2, 3], to: path)
        chmod(path, 0o600)
        try AtomicFile.write([4, 5, 6, 7], to: path)
        #expect(TestFolder.contents(path) == [4, 5, 6, 7])
        #expect(mode(path) == 0o600)
        try AtomicFile.write([8], to: dir + "/new")
        #expect(TestFolder.contents(dir + "/new") == [8])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["model.safetensors", "new"])
    }

    @Test("a FIFO, a folder and a device are never replaced")
    func refusesNonRegularFiles() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        try TestFolder.withFIFO(dir + "/pipe") {
            let error = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write([1], to: dir + "/pipe") }
            #expect(error?.found.contains("FIFO") == true)
        }
        var info = stat()
        #expect(lstat(dir + "/pipe", &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        try FileManager.default.createDirectory(atPath: dir + "/folder", withIntermediateDirectories: false)
        let folder = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.checkDestination(dir + "/folder") }
        #expect(folder?.found.contains("a folder") == true && folder?.hint.contains("folder/model.safetensors") == true)
        // A device node of our own (as root), never the system's: /dev/full as root was replaced by a file.
        if geteuid() == 0 {
            #expect(mknod(dir + "/full", S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0)
            let device = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write([1], to: dir + "/full") }
            #expect(device?.found.contains("character device") == true)
            #expect(stat(dir + "/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "the device node was replaced")
        }
    }

    @Test("a read-only file is kept, even for root; an empty name and /proc are refused before any work")
    func refusesReadOnly() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        let path = dir + "/keep"
        TestFolder.write([9, 9], to: path)
        chmod(path, 0o444)
        let error = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write([1], to: path) }
        #expect(error?.found.contains("read-only") == true && error?.hint.contains("chmod u+w") == true)
        #expect(TestFolder.contents(path) == [9, 9] && mode(path) == 0o444)
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.checkDestination("") }
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.checkDestination("/proc/version") }
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.checkDestination(dir + "/no/such/folder/file") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["keep"])
    }

    @Test("a symbolic link is written through: the link stays, its target changes; a dangling one is refused")
    func symlinks() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        TestFolder.write([1], to: dir + "/target")
        chmod(dir + "/target", 0o640)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "target")
        try AtomicFile.write([2, 2], to: dir + "/link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link") == "target")
        #expect(TestFolder.contents(dir + "/target") == [2, 2] && mode(dir + "/target") == 0o640)
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling", withDestinationPath: "nowhere")
        let error = #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write([3], to: dir + "/dangling") }
        #expect(error?.found.contains("does not exist") == true)
        #expect(!FileManager.default.fileExists(atPath: dir + "/nowhere"))
    }

    /// A SIGKILL at the very end of training could leave `FILE.tmp-PID` behind for good.
    @Test("stale temporaries of dead processes are removed on the next write; a live process's are kept")
    func staleTemporaries() throws {
        let dir = TestFolder.make()
        defer { TestFolder.remove(dir) }
        let path = dir + "/m.safetensors"
        var dead: Int32 = 4_000_000
        while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
        TestFolder.write([0], to: "\(path).tmp-\(dead)")
        TestFolder.write([0], to: "\(path).tmp-\(getppid())")  // our parent is alive
        TestFolder.write([0], to: dir + "/other.tmp-\(dead)")  // not this file's
        try AtomicFile.write([1], to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
                == ["m.safetensors", "m.safetensors.tmp-\(getppid())", "other.tmp-\(dead)"])
    }
}
