import MNIST

/// Loads MNIST from `--data` (or the default), through the decompressed cache (`MNISTCache`); the reader's
/// errors become one clear line.
func loadDataset(_ global: GlobalOptions) throws -> MNISTDataset {
    try MNISTDataset.load(directory: DataLocation.resolve(option: global.data), cache: MNISTCache.standard())
}

/// Only the 10,000 test images and labels (faster: the training set is not read), through the cache.
func loadTestSet(_ global: GlobalOptions) throws -> (ImageSet, [UInt8]) {
    try MNISTDataset.loadTestSet(directory: DataLocation.resolve(option: global.data), cache: MNISTCache.standard())
}
