#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's environment variables as a dictionary, read from `environ` without Foundation.
///
/// Here, at the bottom of the module graph, so that everything that reads a setting from the
/// environment can reach it: the data locator (`MNIST_TUTOR_DATA`, the cache's `XDG_CACHE_HOME`) and
/// the terminal (`TERM`, the locale, `NO_COLOR`) without `CursesTerminal` importing `MNIST`. Code that
/// decides from the environment takes it as a parameter (defaulting to `current()`), so tests pass their own.
public enum ProcessEnvironment {
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { result[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return result
    }
}
