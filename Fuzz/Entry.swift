/// The libFuzzer entry points (built only by `Fuzz/run.sh`, never by `swift build`): one binary for
/// every target, which picks its target from its own name (`fuzz-idx` runs `FuzzTargets.idx`; the
/// script links one name per target) or from `$FUZZ_TARGET`.
#if canImport(Glibc)
import Glibc
#endif

nonisolated(unsafe) var fuzzTarget: (@Sendable ([UInt8]) -> [String])?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let program = String(cString: argv.pointee[0]!)
    let fromName = program.split(separator: "/").last.map(String.init).flatMap { $0.hasPrefix("fuzz-") ? String($0.dropFirst(5)) : nil }
    let name = getenv("FUZZ_TARGET").map { String(cString: $0) } ?? fromName ?? ""
    guard let target = FuzzTargets.all[name] else {
        fputs("fuzz: no target '\(name)'; run as fuzz-NAME or set FUZZ_TARGET to one of \(FuzzTargets.all.keys.sorted().joined(separator: ", "))\n", stderr)
        exit(2)
    }
    fuzzTarget = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let problems = fuzzTarget!(bytes)
    if !problems.isEmpty { fatalError(problems.joined(separator: "\n")) }
    return 0
}
