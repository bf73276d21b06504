import Foundation
import Testing
@testable import MNIST

/// The MNIST files the project ships in Assets/mnist.
@Suite("Shipped MNIST data")
struct ShippedDataTests {
    @Test("60,000 training and 10,000 test images of 28x28")
    func sizes() throws {
        let d = try ShippedMNIST.dataset()
        #expect(d.xTrain.count == 60_000 && d.yTrain.count == 60_000)
        #expect(d.xTest.count == 10_000 && d.yTest.count == 10_000)
        #expect(d.xTrain.rows == 28 && d.xTrain.columns == 28)
        #expect(d.xTest.rows == 28 && d.xTest.columns == 28)
    }

    @Test("first labels match the data set's README")
    func firstLabels() throws {
        let data = try ShippedMNIST.dataset()
        #expect(Array(data.yTrain.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        #expect(Array(data.yTest.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    }

    @Test("class counts match the data set's README")
    func classCounts() throws {
        let data = try ShippedMNIST.dataset()
        func counts(_ labels: [UInt8]) -> [Int] {
            var c = [Int](repeating: 0, count: 10)
            for l in labels { c[Int(l)] += 1 }
            return c
        }
        #expect(counts(data.yTrain) == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        #expect(counts(data.yTest) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    }

    @Test("the Keras-style tuple gives the same arrays")
    func loadDataTuple() throws {
        let ((xTrain, yTrain), (xTest, yTest)) = try MNISTDataset.loadData()
        #expect(xTrain.count == 60_000 && yTrain.first == 5)
        #expect(xTest.count == 10_000 && yTest.first == 7)
        #expect(xTrain.prefix(1).count == 1)
    }

    @Test("pixels stay bytes; a batch becomes Float 0...1")
    func batches() throws {
        let x = try ShippedMNIST.dataset().xTrain
        let batch = x.floats(indices: [0, 1])
        #expect(batch.count == 2 * 784)
        #expect(batch.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(batch.contains(1.0))
        let row = Array(x[1])
        #expect(zip(row, batch[784...]).allSatisfy { abs(Float($0) / 255 - $1) < 1e-6 })
    }

    @Test("every shipped file's SHA-256 matches Assets/README.md")
    func checksums() throws {
        let assets = try #require(DataLocation.assetsDirectory())
        let readme = try String(contentsOfFile: assets + "/README.md", encoding: .utf8)
        let files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                     "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
        for name in files {
            let listed = readme.split(separator: "\n").first { $0.contains(name) && $0.contains("|") }
            let expected = try #require(listed?.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }, "no SHA-256 listed for \(name)")
            #expect(try sha256(of: "\(assets)/mnist/\(name)") == expected, "\(name)")
        }
    }

    func sha256(of path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
