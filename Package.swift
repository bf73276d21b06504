// swift-tools-version:6.0
// mnist-tutor: a terminal tutor that teaches the Keras beginner MNIST model by running it.
// Dependencies between targets point one way (see docs/DESIGN.md):
// AdamSweep <- NeuralNet <- MNIST <- Tutor <- TerminalUI <- CursesTerminal <- mnist-tutor
import PackageDescription

// The engine's release build: no bounds checks in its hot loops (-Ounchecked); square roots as one
// vector instruction instead of a libm call that sets errno (-fno-math-errno, for Adam); and on x86-64,
// AVX2 (Haswell, 2013, and later), which doubles the width of every vector loop (measured in mnist-bench).
// None of these lets the compiler reorder float arithmetic, so results stay bit-for-bit reproducible.
#if arch(x86_64)
let engineFlags = ["-Ounchecked", "-Xcc", "-fno-math-errno", "-target-cpu", "haswell"]
#else
let engineFlags = ["-Ounchecked", "-Xcc", "-fno-math-errno"]
#endif
let engineSettings: [SwiftSetting] = [.unsafeFlags(engineFlags, .when(configuration: .release))]
// AdamSweep is compiled for AVX-512 (skylake-avx512: AVX-512 F, CD, BW, DQ, VL, as x86-64-v4), and optimised
// in debug builds too: unoptimised code would carry copies of generic library functions that the linker may
// share with the rest of the program (KernelChoiceTests checks there are none), and the tests run the code the
// release runs. NeuralNet calls it only where the CPU has AVX-512, and keeps its own AVX2 copy of the loop.
#if arch(x86_64)
let wideSettings: [SwiftSetting] = [
    .unsafeFlags(["-target-cpu", "skylake-avx512", "-Xcc", "-fno-math-errno"]),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
]
#else
let wideSettings = engineSettings
#endif

let package = Package(
    name: "mnist-tutor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mnist-tutor", targets: ["mnist-tutor"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "MNIST", targets: ["MNIST"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries: a module map and a tiny shim header each, nothing else.
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        .systemLibrary(name: "CDeflate", path: "Sources/CDeflate"),

        .target(name: "AdamSweep", swiftSettings: wideSettings),
        .target(name: "NeuralNet", dependencies: ["CBLAS", "AdamSweep"], swiftSettings: engineSettings),
        .target(name: "MNIST", dependencies: ["NeuralNet", "CZlib", "CPNG", "CDeflate"]),
        .target(name: "Tutor", dependencies: ["NeuralNet", "MNIST"]),
        .target(name: "TerminalUI", dependencies: ["Tutor"]),
        .target(name: "CursesTerminal", dependencies: ["TerminalUI", "CNCursesW"]),
        .executableTarget(
            name: "mnist-tutor",
            dependencies: [
                "NeuralNet", "MNIST", "Tutor", "TerminalUI", "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "mnist-bench",
            dependencies: ["NeuralNet", "MNIST", "Tutor", "TerminalUI"],
            path: "Benchmarks/mnist-bench"),

        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet"]),
        .testTarget(name: "MNISTTests", dependencies: ["MNIST", "NeuralNet", "CZlib", "CPNG", "CDeflate"]),
        .testTarget(name: "TutorTests", dependencies: ["Tutor", "MNIST", "NeuralNet"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "CursesTerminal", "Tutor"]),
        .testTarget(name: "EndToEndTests", dependencies: ["MNIST", "NeuralNet", "Tutor"]),
        // Replays Fuzz/corpus and Fuzz/crashers through Fuzz/FuzzTargets.swift (linked into the folder).
        .testTarget(name: "FuzzCorpusTests", dependencies: ["NeuralNet", "MNIST", "Tutor"]),
    ],
    swiftLanguageModes: [.v6]
)
