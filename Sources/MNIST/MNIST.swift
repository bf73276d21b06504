// MNIST: reads the MNIST digits (IDX files, gzip or raw) and hands them out as the model needs them.
// Pixels stay UInt8 in memory and become Float 0...1 only batch by batch. It does no training itself.
