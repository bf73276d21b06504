import Foundation

/// Runs the built `mnist-tutor` binary the way a person would, and collects what it printed.
///
/// The binary is the one `swift build` put beside this test executable (`.build/debug/`),
/// or `$MNIST_TUTOR_BIN` when set.
enum BinaryRunner {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String

        /// The JSON objects among stdout's lines (`--json` prints one per line).
        var jsonLines: [[String: Any]] {
            stdout.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
    }

    static var binaryPath: String {
        if let path = ProcessInfo.processInfo.environment["MNIST_TUTOR_BIN"], !path.isEmpty { return path }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test bundle may be a directory (…/mnist-tutorPackageTests.xctest/…) on some platforms.
        while dir.path != "/" && dir.lastPathComponent.hasSuffix(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("mnist-tutor").path
    }

    /// Runs the binary (or `executable`) with `arguments`, in `directory`, with extra `environment`;
    /// `MNIST_TUTOR_DATA` and `MNIST_TUTOR_LESSONS` are removed unless given (a developer's setting must not
    /// change the results).
    /// With `interruptAfter`, the program gets SIGINT after that many seconds (and SIGKILL 30 s later).
    static func run(_ arguments: [String], executable: String? = nil, in directory: String? = nil,
                    environment: [String: String] = [:], removing: [String] = ["MNIST_TUTOR_DATA", "MNIST_TUTOR_LESSONS"],
                    interruptAfter: Double? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? binaryPath)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in removing { env[key] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // stderr goes to a file, stdout to a pipe read to the end: neither can block the other.
        let errPath = NSTemporaryDirectory() + "mnist-e2e-stderr-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let interruptAfter {
            Thread.sleep(forTimeInterval: interruptAfter)
            process.interrupt()
            // A child that ignores the interrupt must not hang the suite.
            let pid = process.processIdentifier
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 30)
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "mnist-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
