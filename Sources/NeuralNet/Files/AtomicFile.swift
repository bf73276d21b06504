#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a reader, a crash or a full disk sees either the old contents or the new,
/// never a mix, and so that nothing but a regular file the learner may write is ever replaced.
///
/// Every file the program writes goes through here (`train --output`, kept models, progress.json).
/// The rules, decided once:
/// - **Only regular files are replaced.** A folder, a FIFO, a device (`/dev/null`, `/dev/full`) or a
///   socket at the path is refused: renaming over it would replace the node itself (as root, the
///   system's `/dev/full`).
/// - **Symbolic links are written through:** the link stays, and its target gets the new contents (in
///   the target's folder, by the same rename), as `cp` and a shell's `>` would. A link to nothing is
///   refused, since where it points may be a mistake.
/// - **Read-only files are refused** (no owner write bit, or not writable by us), even for root:
///   a file someone made read-only is kept. A replaced file keeps its permission bits (and, for
///   root, its owner), so a private 600 file stays private.
/// - **Atomic and durable:** the bytes go to `FILE.tmp-PID` in the same folder, are flushed to the
///   disk, then renamed over `FILE`; the folder is flushed too. On any failure the temporary file is
///   removed and `FILE` is untouched.
/// - **Our stale temporaries are cleaned up:** a `FILE.tmp-PID` left by a process that no longer
///   exists (killed mid-write) is removed on the next write to `FILE`. Others are left alone.
/// - A file with other hard links is replaced under this name only (the other names keep the old
///   contents), as with every atomic rename.
public enum AtomicFile {
    /// Why a file cannot be written: what was found, and what to do about it.
    public struct Failure: Error, Equatable, Sendable {
        public let found: String
        public let hint: String
    }

    /// Where the bytes for `path` will go: the file to replace (the target of a symbolic link), and the
    /// permission bits and owner to keep when it exists.
    public struct Destination: Equatable, Sendable {
        public let path: String
        let existing: (mode: mode_t, owner: uid_t, group: gid_t)?

        public static func == (a: Destination, b: Destination) -> Bool {
            a.path == b.path && a.existing?.mode == b.existing?.mode && a.existing?.owner == b.existing?.owner
                && a.existing?.group == b.existing?.group
        }
    }

    /// Checks `path` can be written, without changing anything a person sees: call it before long work
    /// (training) so a bad `--output` fails in a second, not after the work. Besides the rules above it
    /// creates and removes the temporary file, which catches read-only file systems and `/proc`.
    @discardableResult
    public static func checkDestination(_ path: String) throws(Failure) -> Destination {
        let destination = try resolve(path)
        let temporary = temporaryPath(for: destination.path)
        let fd = try createTemporary(temporary, mode: 0o600)
        close(fd)
        unlink(temporary)
        return destination
    }

    /// Replaces `path` with `bytes`, atomically and durably (see the rules above).
    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let destination = try resolve(path)
        removeStaleTemporaries(of: destination.path)
        let temporary = temporaryPath(for: destination.path)
        let fd = try createTemporary(temporary, mode: destination.existing?.mode ?? 0o644)
        func fail(_ what: String, _ code: Int32) -> Failure {
            close(fd)
            unlink(temporary)
            return Failure(found: "\(what) failed (\(String(cString: strerror(code))))",
                           hint: code == ENOSPC || code == EDQUOT ? "The disk is full; free some space and try again."
                               : "Check the disk and that you may write in \(folder(of: destination.path)).")
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in systemWrite(fd, raw.baseAddress! + written, raw.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw fail("writing \(temporary)", n < 0 ? errno : EIO) }
            written += n
        }
        if let existing = destination.existing {
            // The temporary was created with the old mode minus the umask; give it exactly the old mode
            // and, when we can (root), the old owner.
            guard fchmod(fd, existing.mode) == 0 else { throw fail("setting the permissions of \(temporary)", errno) }
            if geteuid() == 0 { _ = fchown(fd, existing.owner, existing.group) }
        }
        guard fsync(fd) == 0 else { throw fail("flushing \(temporary) to the disk", errno) }
        guard close(fd) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(found: "closing \(temporary) failed (\(String(cString: strerror(code))))", hint: "Check the disk and try again.")
        }
        guard rename(temporary, destination.path) == 0 else {
            let code = errno
            unlink(temporary)
            throw Failure(found: "renaming \(temporary) over it failed (\(String(cString: strerror(code))))",
                          hint: "Check that you may write in \(folder(of: destination.path)).")
        }
        // The rename is in the folder's data: flush it too, so a power cut cannot undo it.
        let directory = open(folder(of: destination.path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// The file the bytes for `path` go to, after the rules on links, kinds and permissions.
    static func resolve(_ path: String) throws(Failure) -> Destination {
        guard !path.isEmpty else {
            throw Failure(found: "an empty file name", hint: "Name the file to write, e.g. model.safetensors.")
        }
        guard !path.hasSuffix("/") else {
            throw Failure(found: "a name ending in '/', which names a folder", hint: "Name a file inside the folder, e.g. \(path)model.safetensors.")
        }
        var target = path
        var link = stat()
        if lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                let code = errno
                throw Failure(found: code == ENOENT ? "a symbolic link to a file that does not exist"
                                  : "a symbolic link that cannot be followed (\(String(cString: strerror(code))))",
                              hint: "Point the link at an existing file, remove it, or choose another path.")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        var info = stat()
        guard stat(target, &info) == 0 else {
            let code = errno
            guard code == ENOENT else {
                throw Failure(found: "a path that cannot be examined (\(String(cString: strerror(code))))",
                              hint: "Check the path and the permissions of its folders.")
            }
            try checkFolder(of: target)
            return Destination(path: target, existing: nil)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw Failure(found: FileKind.describe(mode: info.st_mode) + ", which is never replaced",
                          hint: (info.st_mode & S_IFMT) == S_IFDIR ? "Name a file inside it, e.g. \(path)/model.safetensors."
                              : "Name a regular file instead.")
        }
        guard info.st_mode & S_IWUSR != 0 && access(target, W_OK) == 0 else {
            throw Failure(found: "a read-only file, which is kept",
                          hint: "Make it writable first (chmod u+w \(target)) if it may be replaced, or choose another path.")
        }
        try checkFolder(of: target)
        return Destination(path: target, existing: (info.st_mode & 0o777, info.st_uid, info.st_gid))
    }

    static func checkFolder(of path: String) throws(Failure) {
        let directory = folder(of: path)
        var info = stat()
        guard stat(directory, &info) == 0 else {
            throw Failure(found: "a folder \(directory) that does not exist", hint: "Create the folder first, or choose another path.")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw Failure(found: "\(directory) as its folder, which is \(FileKind.describe(mode: info.st_mode))", hint: "Choose another path.")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw Failure(found: "a folder \(directory) that is not writable", hint: "Choose a folder you may write in.")
        }
    }

    /// Creates `path` new (never following a link, never reusing a file); a leftover of our own pid is
    /// removed first. Returns the descriptor.
    static func createTemporary(_ path: String, mode: mode_t) throws(Failure) -> Int32 {
        for attempt in 0 ..< 2 {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            let code = errno
            if code == EEXIST && attempt == 0 && isOurRegularFile(path) {
                unlink(path)  // left by an earlier process that had our pid
                continue
            }
            throw Failure(found: "creating \(path) failed (\(String(cString: strerror(code))))",
                          hint: code == EROFS ? "That file system is read-only; choose another path."
                              : "Check that you may write in \(folder(of: path)), or choose another path.")
        }
        throw Failure(found: "\(path) exists and is not ours", hint: "Remove it, or choose another path.")
    }

    /// `FILE.tmp-PID` beside `path`.
    public static func temporaryPath(for path: String) -> String { "\(path).tmp-\(getpid())" }

    /// Removes `path.tmp-PID` files whose process no longer exists, when they are regular files we own.
    static func removeStaleTemporaries(of path: String) {
        let directory = folder(of: path)
        let prefix = name(of: path) + ".tmp-"
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard entryName.hasPrefix(prefix), let pid = Int32(entryName.dropFirst(prefix.count)), pid > 0,
                  pid != getpid(), kill(pid, 0) != 0 && errno == ESRCH else { continue }
            stale.append(directory + "/" + entryName)
        }
        for file in stale where isOurRegularFile(file) { unlink(file) }
    }

    static func isOurRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_uid == geteuid()
    }

    /// The folder part of `path` (`dirname`): "." for a bare name, "/" for a file at the root.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func name(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }
}

/// `write(2)`, named apart from `AtomicFile.write(_:to:)`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
