import NeuralNet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the program's files live: the MNIST folder, the pretrained model, the lessons.
///
/// Order for the data folder: `--data DIR`, then `$MNIST_TUTOR_DATA`, then `Assets/mnist` of the
/// installation. The installation is found from the running executable, so the same binary works
/// through `swift run`, from `.build/release` in any working directory, and after
/// `make install PREFIX=...` (which copies the assets to `PREFIX/share/mnist-tutor`).
public enum DataLocation {
    public static let environmentVariable = "MNIST_TUTOR_DATA"

    /// The MNIST folder to use. `option` is the `--data` value, if given.
    public static func resolve(option: String? = nil, environment: [String: String] = ProcessEnvironment.current()) throws -> String {
        if let option {
            return try existingDirectory(option, source: "--data")
        }
        if let value = environment[environmentVariable], !value.isEmpty {
            return try existingDirectory(value, source: "$\(environmentVariable)")
        }
        guard let assets = assetsDirectory() else {
            throw IDXError(.directoryNotFound, file: "Assets/mnist", expected: "the tutor's Assets folder beside the program",
                           found: "none (looked beside \(executablePath() ?? "the program") and in the working directory)",
                           hint: "Run from the project checkout, reinstall with `make install`, or pass --data DIR.")
        }
        return try existingDirectory(assets + "/mnist", source: "the installation")
    }

    static func existingDirectory(_ path: String, source: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == EACCES {
                throw IDXError(.unreadable, file: path, expected: "a folder with the MNIST files (named by \(source))",
                               found: "permission denied on the way to it",
                               hint: "Check the permissions of the folders in the path, or point --data elsewhere.")
            }
            throw IDXError(.directoryNotFound, file: path, expected: "a folder with the MNIST files (named by \(source))",
                           found: "no such folder",
                           hint: "Check the path; it must hold train-images-idx3-ubyte.gz and the three other standard files.")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw IDXError(.directoryNotFound, file: path, expected: "a folder (named by \(source))", found: "a file",
                           hint: "Name the folder that holds the four MNIST files, not one of the files.")
        }
        return path
    }

    /// The `Assets` folder of this installation, or nil when none is found.
    public static func assetsDirectory() -> String? {
        var candidates: [String] = []
        if let exe = executablePath() {
            var dir = parent(exe)
            candidates.append(parent(dir) + "/share/mnist-tutor/Assets")
            for _ in 0 ..< 6 {
                candidates.append(dir + "/Assets")
                dir = parent(dir)
            }
        }
        // The source tree this binary was built from (`swift run`, tests, `.build/*/release`).
        candidates.append(parent(parent(parent(String(#filePath)))) + "/Assets")
        if let cwd = currentDirectory() { candidates.append(cwd + "/Assets") }
        return candidates.first { isDirectory($0 + "/mnist") }
    }

    /// The top folder of the installation (holding `Assets` and `Lessons`).
    public static func installationDirectory() -> String? {
        assetsDirectory().map(parent)
    }

    /// This program's own path (`/proc/self/exe`), or its `argv[0]` where there is no `/proc`.
    public static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return CommandLine.arguments.first }
        return String(decoding: buffer[0 ..< n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[0 ..< length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func parent(_ path: String) -> String {
        AtomicFile.folder(of: path)
    }
}
