import Dispatch
import Foundation
import Synchronization
import Testing
@testable import MNIST

/// Loading MNIST in parts: each part once, whoever asks first; the others wait for that load.
@Suite("MNIST loaded in parts")
struct MNISTLoaderTests {
    /// Parts of one or two tiny images, counting the loads of each part.
    final class CountingSource: Sendable {
        let loads = Mutex<[MNISTDataset.Part: Int]>([:])
        let failing: MNISTDataset.Part?

        init(failing: MNISTDataset.Part? = nil) { self.failing = failing }

        func load(_ part: MNISTDataset.Part) throws -> LabelledImages {
            loads.withLock { $0[part, default: 0] += 1 }
            usleep(20_000)  // long enough for concurrent askers to find the part loading
            if part == failing { throw IDXError(.truncatedBody, file: part.rawValue, expected: "more", found: "less", hint: "copy it again") }
            let n = part == .train ? 2 : 1
            return LabelledImages(images: ImageSet(count: n, rows: 28, columns: 28, pixels: [UInt8](repeating: part == .train ? 1 : 2, count: n * 784)),
                                  labels: [UInt8](repeating: 3, count: n))
        }
    }

    @Test("each part loads once, however many threads ask at once, and the background threads fill both")
    func loadsOnce() throws {
        let source = CountingSource()
        let loader = MNISTLoader { try source.load($0) }
        #expect(!loader.isLoaded(.test) && loader.generation == 0)
        loader.startInBackground()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            _ = try? loader.part(i % 2 == 0 ? .train : .test)
        }
        try loader.load(.all)
        #expect(source.loads.withLock { $0 } == [.train: 1, .test: 1])
        #expect(loader.isLoaded(.all) && loader.generation == 2 && loader.failure == nil)
        let data = try loader.dataset()
        #expect(data.xTrain.count == 2 && data.xTest.count == 1 && data.xTrain[1].first == 1 && data.xTest[0].first == 2)
    }

    @Test("parts asked for without being announced are recorded; announced ones are not")
    func firstUse() throws {
        let source = CountingSource()
        let loader = MNISTLoader { try source.load($0) }
        try loader.load(.test)
        _ = try loader.part(.test)
        #expect(loader.loadedOnFirstUse.isEmpty)
        _ = try loader.part(.train)
        #expect(loader.loadedOnFirstUse == .train)
        #expect(source.loads.withLock { $0 } == [.train: 1, .test: 1])
    }

    @Test("a part that fails gives its error to everyone who asks, and counts as finished, not loaded")
    func failure() throws {
        let source = CountingSource(failing: .train)
        let loader = MNISTLoader { try source.load($0) }
        loader.startInBackground()
        let error = #expect(throws: IDXError.self) { try loader.load(.all) }
        #expect(error?.kind == .truncatedBody)
        #expect(throws: IDXError.self) { try loader.part(.train) }
        #expect(try loader.part(.test).labels == [3])
        #expect(loader.isLoaded(.test) && !loader.isLoaded(.train) && !loader.isLoaded(.all))
        #expect((loader.failure as? IDXError)?.kind == .truncatedBody)
        #expect(loader.generation == 2)
        #expect(source.loads.withLock { $0 } == [.train: 1, .test: 1], "a failed part is not retried behind the caller's back")
    }

    @Test("a dataset already in memory is loaded from the start")
    func inMemory() throws {
        let images = ImageSet(count: 1, rows: 28, columns: 28, pixels: [UInt8](repeating: 9, count: 784))
        let data = MNISTDataset(xTrain: images, yTrain: [1], xTest: images, yTest: [2], directory: "/d")
        let loader = MNISTLoader(data)
        #expect(loader.isLoaded(.all) && loader.loadedOnFirstUse.isEmpty && loader.directory == "/d")
        #expect(try loader.part(.test).labels == [2])
        #expect(try loader.dataset().yTrain == [1])
    }
}
