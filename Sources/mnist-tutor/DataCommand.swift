import ArgumentParser
import MNIST

/// `mnist-tutor data`: which MNIST folder is in use and what it holds.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Show which MNIST folder is used (--data, $MNIST_TUTOR_DATA or Assets/mnist) and what it holds.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let start = monotonicSeconds()
        let data = try loadDataset(global)
        let elapsed = monotonicSeconds() - start
        print("data folder: \(data.directory)")
        print("training set: \(data.xTrain.count) images of \(data.xTrain.rows)x\(data.xTrain.columns), \(data.yTrain.count) labels")
        print("test set: \(data.xTest.count) images of \(data.xTest.rows)x\(data.xTest.columns), \(data.yTest.count) labels")
        print("loaded in \(Int(elapsed * 1000)) ms")
        print("MNIST: Yann LeCun, Corinna Cortes, Christopher J. C. Burges (CC BY-SA 3.0)")
    }
}
