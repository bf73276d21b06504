#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Whether `path` can be written: its folder exists and is writable, and it is not a folder itself.
func checkWritable(_ path: String) throws {
    let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
    var info = stat()
    if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
        throw CommandError("--output \(path) is a folder; name a file, e.g. \(path)/model.safetensors.", exitCode: 64)
    }
    guard access(folder.isEmpty ? "/" : folder, W_OK) == 0 else {
        throw CommandError("--output \(path): the folder \(folder) does not exist or is not writable; create it or choose another path.", exitCode: 64)
    }
}
