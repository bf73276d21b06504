import Foundation
import Testing

/// `mnist-tutor data` run as a built binary: which folder it finds, from anywhere.
@Suite("Data folder, end to end")
struct DataCommandTests {
    @Test("from another working directory the binary still finds Assets/mnist")
    func findsAssetsFromAnywhere() throws {
        let out = try BinaryRunner.run(["data"], in: "/")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Assets/mnist"))
        #expect(out.stdout.contains("training set: 60000 images of 28x28, 60000 labels"))
        #expect(out.stdout.contains("test set: 10000 images of 28x28, 10000 labels"))
        #expect(out.stdout.contains("Yann LeCun"))
    }

    @Test("--data and MNIST_TUTOR_DATA choose the folder; a missing one is a one-line error")
    func overrides() throws {
        let missing = "/no/such/folder-\(UUID().uuidString)"
        let byOption = try BinaryRunner.run(["data", "--data", missing])
        #expect(byOption.status == 1 && byOption.stdout.isEmpty)
        #expect(byOption.stderr.contains(missing) && byOption.stderr.contains("--data"))
        #expect(byOption.stderr.split(separator: "\n").count == 1)
        let byEnv = try BinaryRunner.run(["data"], environment: ["MNIST_TUTOR_DATA": missing])
        #expect(byEnv.status == 1 && byEnv.stdout.isEmpty)
        #expect(byEnv.stderr.contains(missing) && byEnv.stderr.contains("MNIST_TUTOR_DATA"))
        #expect(byEnv.stderr.split(separator: "\n").count == 1)
    }

    @Test("an installed layout (PREFIX/bin + PREFIX/share/mnist-tutor/Assets) is found first")
    func installedLayout() throws {
        let prefix = BinaryRunner.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: prefix + "/share/mnist-tutor", withIntermediateDirectories: true)
        // Copied by `cp`, not in this process: a file this process holds open for writing can leak
        // into a child that another test forks at that moment, and exec then fails ("Text file busy").
        let copy = try BinaryRunner.run(["-p", BinaryRunner.binaryPath, prefix + "/bin/mnist-tutor"], executable: "/bin/cp")
        try #require(copy.status == 0, "cp failed: \(copy.stderr)")
        let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Assets").path
        try fm.createSymbolicLink(atPath: prefix + "/share/mnist-tutor/Assets", withDestinationPath: assets)
        let out = try BinaryRunner.run(["data"], executable: prefix + "/bin/mnist-tutor", in: "/")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("data folder: \(prefix)/share/mnist-tutor/Assets/mnist"))
        try? fm.removeItem(atPath: prefix)
    }
}
