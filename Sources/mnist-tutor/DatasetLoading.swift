import MNIST

/// Loads MNIST from `--data` (or the default), turning the reader's errors into one clear line.
func loadDataset(_ global: GlobalOptions) throws -> MNISTDataset {
    try MNISTDataset.load(directory: DataLocation.resolve(option: global.data))
}

/// Only the 10,000 test images and labels (faster: the training set is not read).
func loadTestSet(_ global: GlobalOptions) throws -> (ImageSet, [UInt8]) {
    try MNISTDataset.loadTestSet(directory: DataLocation.resolve(option: global.data))
}
