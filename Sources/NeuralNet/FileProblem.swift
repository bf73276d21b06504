#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A problem with a file the program reads or writes, phrased for a person: which file, what was
/// expected, what was found, and what to do about it. `kind` tells code and tests which problem it is.
///
/// Every loader uses this one shape (weights, MNIST's IDX files, pictures), each with its own kinds:
/// `SafetensorsError`, `IDXError`, `ImageFileError`.
public struct FileProblem<K: Hashable & Sendable>: Error, Equatable, CustomStringConvertible, Sendable {
    public typealias Kind = K

    public let kind: K
    public let file: String
    public let expected: String
    public let found: String
    public let hint: String

    public init(_ kind: K, file: String, expected: String, found: String, hint: String) {
        self.kind = kind
        self.file = file
        self.expected = expected
        self.found = found
        self.hint = hint
    }

    public var description: String {
        "\(file): expected \(expected), found \(found). \(hint)"
    }
}

/// Reads a whole regular file into memory, saying precisely why when it cannot.
public enum WholeFile {
    public enum Failure: Error, Equatable, Sendable {
        case missing
        /// `fopen` or `fstat` failed; the system's reason.
        case unreadable(String)
        /// A folder, a device or a pipe.
        case notRegular
        /// Fewer bytes came than the file's size said.
        case short(size: Int, read: Int)
    }

    /// The file's bytes, or the loader's own `FileProblem` saying why not: `missing` is its kind for a
    /// path that does not exist (with `missingHint` on what to check), `unreadable` for everything else;
    /// `what` names the file the loader wanted ("a readable weights file").
    public static func read<K>(_ path: String, what: String, missing: K, unreadable: K,
                               missingHint: String) throws(FileProblem<K>) -> [UInt8] {
        switch read(path) {
        case .success(let bytes):
            return bytes
        case .failure(.missing):
            throw FileProblem(missing, file: path, expected: what, found: "no such file", hint: missingHint)
        case .failure(.unreadable(let reason)):
            throw FileProblem(unreadable, file: path, expected: what, found: reason, hint: "Check the file's permissions.")
        case .failure(.notRegular):
            throw FileProblem(unreadable, file: path, expected: "a regular file", found: "a folder, a device or a pipe",
                              hint: "Name the file itself.")
        case .failure(.short(let size, let read)):
            throw FileProblem(unreadable, file: path, expected: "\(size) bytes", found: "\(read) read",
                              hint: "The file changed while it was read, or the disk has a problem.")
        }
    }

    public static func read(_ path: String) -> Result<[UInt8], Failure> {
        guard let handle = fopen(path, "rb") else {
            return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))))
        }
        defer { fclose(handle) }
        var info = stat()
        guard fstat(fileno(handle), &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, handle) }
        return read == size ? .success(bytes) : .failure(.short(size: size, read: read))
    }
}
