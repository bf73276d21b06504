import Foundation
import Testing
@testable import NeuralNet

/// The AVX-512 copy of the training loop lives in the AdamSweep module, compiled for AVX-512. Nothing compiled
/// there may be shared with the rest of the program: the linker keeps one copy of each generic specialization
/// (weak symbols), and if it kept AdamSweep's, code built for AVX-512 would run on CPUs without it.
@Suite struct KernelChoiceTests {
    /// The object files of the AdamSweep module, beside this test executable (in `.build/<configuration>`).
    static func adamSweepObjects() -> [String] {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("AdamSweep.build").path) {
            dir = dir.deletingLastPathComponent()
        }
        let folder = dir.appendingPathComponent("AdamSweep.build").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".o") }.map { folder + "/" + $0 }
    }

    @Test("the AVX-512 module defines only its own code: no shared specialization the linker could pick")
    func adamSweepSharesNoCode() throws {
        let objects = Self.adamSweepObjects()
        try #require(!objects.isEmpty, "AdamSweep.build/*.o not found beside the test executable")
        let nm = Process()
        nm.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        nm.arguments = ["nm", "--defined-only"] + objects
        let pipe = Pipe()
        nm.standardOutput = pipe
        try nm.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        nm.waitUntilExit()
        try #require(nm.terminationStatus == 0)
        // Code symbols (T, t, W, w): every one must be AdamSweep's own (its mangled names start with the module's).
        let code = output.split(separator: "\n").compactMap { line -> (kind: Substring, name: Substring)? in
            let fields = line.split(separator: " ")
            guard fields.count >= 3, ["T", "t", "W", "w"].contains(fields[1]) else { return nil }
            return (fields[1], fields[2...].joined(separator: " ")[...])
        }
        #expect(!code.isEmpty)
        for symbol in code {
            #expect(symbol.name.hasPrefix("$s9AdamSweep") && symbol.kind != "W" && symbol.kind != "w",
                    "AdamSweep defines \\(symbol.kind) \\(symbol.name), which another module may define too")
        }
    }

    @Test("the choice follows the CPU, and AVX2 can always be chosen")
    func choice() {
        let before = KernelChoice.wide
        defer { KernelChoice.use(wide: before) }
        KernelChoice.use(wide: false)
        #expect(!KernelChoice.wide && KernelChoice.name == "AVX2")
        KernelChoice.use(wide: true)
        #expect(KernelChoice.wide == KernelChoice.available)
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ")) } ?? []
        #expect(KernelChoice.available == ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"].allSatisfy { flags.contains(Substring($0)) })
    }
}
