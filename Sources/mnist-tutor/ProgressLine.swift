import ArgumentParser
import MNIST
import NeuralNet
import Synchronization
@preconcurrency import Glibc

/// Keras's progress line: `1875/1875 ━━━━━━━━━━━━━━━━━━━━ 0.2s loss 0.2912 accuracy 0.9153`, redrawn in place.
struct ProgressLine {
    let color: Bool
    let ascii: Bool
    let width = 20

    func text(batch: Int, batches: Int, seconds: Double, loss: Float, accuracy: Float) -> String {
        let done = batches == 0 ? width : batch * width / batches
        let filled = String(repeating: ascii ? "=" : "━", count: done)
        let rest = String(repeating: ascii ? "." : "━", count: width - done)
        let bar = color ? "\u{1B}[32m\(filled)\u{1B}[2;37m\(rest)\u{1B}[0m" : filled + (ascii ? rest : String(repeating: "─", count: width - done))
        let digits = String(batches).count
        let count = String(repeating: " ", count: max(0, digits - String(batch).count)) + "\(batch)/\(batches)"
        return String(format: "%@ %@ %.1fs loss %.4f accuracy %.4f", count, bar, seconds, loss, accuracy)
    }

    func draw(_ log: BatchLog) {
        print("\r" + text(batch: log.batch, batches: log.batches, seconds: log.seconds, loss: log.loss, accuracy: log.accuracy)
              + "\u{1B}[K", terminator: "")
        fflush(stdout)
    }
}
