import NeuralNet

/// Whether `path` can be written, checked before long work (see `AtomicFile.checkDestination`):
/// a usage error (64) naming what is wrong, so a bad `--output` fails in a second, not after training.
func checkWritable(_ path: String) throws {
    do {
        try AtomicFile.checkDestination(path)
    } catch {
        throw CommandError("--output \(path.isEmpty ? "''" : path): expected a file that can be written, found \(error.found). \(error.hint)", exitCode: 64)
    }
}
