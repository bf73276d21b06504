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

    /// One line, safe to print: every field goes through `OneLine.escape`, so a file name or bytes
    /// quoted from a damaged file can neither split the line nor send the terminal escape sequences.
    public var description: String {
        OneLine.escape("\(file): expected \(expected), found \(found). \(hint)")
    }
}

/// Reads a whole regular file into memory through `ReadableFile` (never blocking, never past
/// `limit`), saying precisely why when it cannot, in the loader's own `FileProblem`.
public enum WholeFile {
    /// How one loader names its file and its problems.
    public struct Naming<K: Hashable & Sendable>: Sendable {
        /// What the loader wanted, e.g. "a readable weights file".
        public let what: String
        /// The kind for a path that does not exist, and what to check then.
        public let missing: K
        public let missingHint: String
        /// The kind for every other failure to read.
        public let unreadable: K
        /// The kind for a file over the loader's limit, and what to do then.
        public let tooLarge: K
        public let tooLargeHint: String

        public init(what: String, missing: K, missingHint: String, unreadable: K, tooLarge: K, tooLargeHint: String) {
            self.what = what
            self.missing = missing
            self.missingHint = missingHint
            self.unreadable = unreadable
            self.tooLarge = tooLarge
            self.tooLargeHint = tooLargeHint
        }

        /// `failure` (opening or reading `path`) as this loader's problem.
        public func problem(_ failure: ReadableFile.Failure, file path: String) -> FileProblem<K> {
            switch failure {
            case .missing:
                return FileProblem(missing, file: path, expected: what, found: "no such file", hint: missingHint)
            case .permissionDenied:
                return FileProblem(unreadable, file: path, expected: what, found: "permission denied",
                                   hint: "Check the file's permissions (and those of its folders), e.g. `ls -l`.")
            case .unreadable(let reason):
                return FileProblem(unreadable, file: path, expected: what, found: reason, hint: "Check the file and its folder.")
            case .notRegular(let kind):
                return FileProblem(unreadable, file: path, expected: "a regular file", found: kind, hint: "Name a regular file (not a folder, a pipe or a device).")
            case .tooLarge(let size, let limit):
                return FileProblem(tooLarge, file: path, expected: "a file of at most \(FileKind.size(limit))",
                                   found: FileKind.size(size), hint: tooLargeHint)
            case .readFailed(let reason, let read):
                return FileProblem(unreadable, file: path, expected: what, found: "a read error after \(read) bytes (\(reason))",
                                   hint: "The disk or the network file system has a problem; copy the file elsewhere and retry.")
            case .short(let size, let read):
                return FileProblem(unreadable, file: path, expected: "\(size) bytes", found: "\(read) read",
                                   hint: "The file changed while it was read, or the disk has a problem.")
            }
        }
    }

    /// The file's bytes (at most `limit`), or the loader's own `FileProblem` saying why not.
    public static func read<K>(_ path: String, limit: Int, naming: Naming<K>) throws(FileProblem<K>) -> [UInt8] {
        do {
            return try ReadableFile.bytes(path, limit: limit)
        } catch {
            throw naming.problem(error, file: path)
        }
    }
}
