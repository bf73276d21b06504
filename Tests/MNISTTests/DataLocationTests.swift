import Testing
@testable import MNIST

@Suite("Where the data comes from")
struct DataLocationTests {
    @Test("by default: the project's Assets/mnist")
    func defaultIsAssets() throws {
        let dir = try DataLocation.resolve(option: nil, environment: [:])
        #expect(dir.hasSuffix("Assets/mnist"))
        #expect(try MNISTDataset.findFile(stem: "t10k-images-idx3-ubyte", in: dir).hasSuffix(".gz"))
    }

    @Test("--data wins over the environment variable")
    func optionWins() throws {
        let a = Fixtures.temporaryDirectory(), b = Fixtures.temporaryDirectory()
        #expect(try DataLocation.resolve(option: a, environment: ["MNIST_TUTOR_DATA": b]) == a)
    }

    @Test("MNIST_TUTOR_DATA is used when there is no --data")
    func environmentVariable() throws {
        let b = Fixtures.temporaryDirectory()
        #expect(try DataLocation.resolve(option: nil, environment: ["MNIST_TUTOR_DATA": b]) == b)
    }

    @Test("a missing folder is a clear error naming where it came from")
    func missingDirectory() {
        let error = #expect(throws: IDXError.self) {
            try DataLocation.resolve(option: "/no/such/mnist", environment: [:])
        }
        #expect(error?.kind == .directoryNotFound)
        #expect(error?.file == "/no/such/mnist")
        #expect(error?.expected.contains("--data") == true)
        let fromEnv = #expect(throws: IDXError.self) {
            try DataLocation.resolve(option: nil, environment: ["MNIST_TUTOR_DATA": "/no/such/env"])
        }
        #expect(fromEnv?.expected.contains("MNIST_TUTOR_DATA") == true)
    }

    @Test("a file where a folder is expected is refused")
    func fileNotFolder() throws {
        let dir = Fixtures.temporaryDirectory()
        let file = Fixtures.write([1], to: dir + "/f")
        let error = #expect(throws: IDXError.self) { try DataLocation.resolve(option: file, environment: [:]) }
        #expect(error?.found == "a file")
    }

    @Test("a folder without the MNIST files says which file is missing")
    func emptyFolder() {
        let dir = Fixtures.temporaryDirectory()
        let error = #expect(throws: IDXError.self) { try MNISTDataset.load(directory: dir) }
        #expect(error?.kind == .fileNotFound)
        #expect(error?.file.contains("train-images-idx3-ubyte") == true)
    }
}
