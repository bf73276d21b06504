#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole regular file mapped read-only into memory (`mmap`), unmapped when the last reference goes.
///
/// Mapping the decompressed cache costs almost nothing up front (the kernel hands over the pages it
/// already holds) and shares them between tutors running at once. The mapping is private and read-only:
/// the cache replaces entries by renaming a new file over the old one, so a mapped file never changes.
final class MappedFile: @unchecked Sendable {
    /// The file's bytes. Valid as long as this object lives.
    let bytes: UnsafeBufferPointer<UInt8>

    /// Maps `path`, or nil when it cannot be opened, is not a regular file, is empty or is larger than
    /// `maximumSize` bytes (the caller then reads it the ordinary way, with that reader's own checks).
    /// Opened with `O_NONBLOCK`, so a FIFO in its place is refused at once instead of waiting for a writer.
    init?(path: String, maximumSize: Int = .max) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
              info.st_size <= maximumSize else { return nil }
        let size = Int(info.st_size)
        // MAP_POPULATE: the pages are about to be read in full (their checksum), so map them all at once
        // rather than one page fault at a time.
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
        _ = madvise(address, size, MADV_WILLNEED)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress!), bytes.count)
    }
}
