import MNIST
import NeuralNet
import TerminalUI
import Tutor

/// The numbers the `ui-demo` screen shows, all computed from real MNIST digits.
///
/// The network page runs the engine: the article's model, untrained (Glorot-uniform weights from
/// seed 42, zero biases), traced on the current digit. The "training" page evaluates a nearest
/// class-mean classifier, a real loop for the progress widgets that needs no network at all.
struct UIDemoData {
    let images: ImageSet
    let labels: [UInt8]
    let model: Sequential

    init(images: ImageSet, labels: [UInt8], seed: UInt64 = 42) {
        self.images = images
        self.labels = labels
        model = .article(seed: seed)
    }

    func image(_ index: Int) -> DigitImageModel {
        DigitImageModel(mnist: images[index], label: "test digit #\(index), label \(labels[index])")
    }

    /// The engine's trace of the digit: inference, or training mode with the mask drawn from `dropoutMaskSeed`.
    func forward(pixels: [UInt8], dropoutMaskSeed: UInt64? = nil) -> (hidden: ActivationGridModel, trace: Trace) {
        let t = model.trace(pixels.map { Float($0) / 255 }, training: dropoutMaskSeed != nil, seed: dropoutMaskSeed ?? 0)
        return (ActivationGridModel(values: t.dropoutOutputs, states: DropoutPanel.states(t)), t)
    }
}
