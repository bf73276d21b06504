// NeuralNet: the embedded engine that runs the article's model (Flatten, Dense, ReLU, Dropout, Dense).
// It knows nothing of files other than its weights, nor of terminals.
