// NeuralNet: the embedded engine that runs the article's model (Flatten, Dense, ReLU, Dropout, Dense) and any stack of
// Dense layers like it (`Architecture`: other widths, depths and activations), with a clear reference path (the layers,
// `gradients`, the trace) and a fast one (`fit`, `evaluate`, `predict`) that agree.
// It knows nothing of files other than its weights, nor of terminals, nor of MNIST (data arrives through `BatchSource`).

/// The engine's version of Keras's `tf.keras.layers` / `tf.keras.models` namespace, for discoverability:
/// every type lives at top level (`Sequential`, `Dense`, ...); this enum only names the engine.
public enum NeuralNet {
    /// Identifies the weights files this engine writes (stored in the safetensors metadata).
    public static let formatName = "mnist-tutor"
}
