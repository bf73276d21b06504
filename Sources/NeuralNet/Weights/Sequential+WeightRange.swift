extension Sequential {
    /// How far below float32's largest value (3.4e38) every layer's outputs must stay, for any input in
    /// 0...1: a factor of 10 for dropout's training-time scaling (rates up to 0.9), 2 for the loss
    /// (logsumexp minus a logit spans twice the logits' range), and 5 to spare for rounding in long sums.
    public static let overflowMargin: Double = 100

    /// The first tensor whose values could make the model's arithmetic overflow, with how large that
    /// layer's outputs could get, or nil when every layer is safe.
    ///
    /// Finite weights can still be useless: a kernel of 3e38 makes every sum infinite, and then the
    /// logits are NaN, the prediction is a guess and the loss prints as "-nan". So the bound is worked out
    /// once, when weights arrive, instead of checking every result: for inputs in 0...1 (pixels / 255),
    /// unit j of a Dense layer is at most `Σ_i bound_i · |kernel[i, j]| + |bias[j]|`, and ReLU never makes
    /// a value larger. Summed in Double, so the bound itself cannot overflow.
    public func overflowingTensor() -> (name: String, bound: Double, isLast: Bool)? {
        var bounds = [Double](repeating: 1, count: inputSize)
        let limit = Double(Float.greatestFiniteMagnitude) / Sequential.overflowMargin
        let dense = denseLayers
        for (index, item) in dense.enumerated() {
            let kernel = item.layer.kernel, bias = item.layer.bias.scalars
            let units = item.layer.units
            guard kernel.shape == [bounds.count, units] else { return nil }  // not built yet: nothing to check
            var next = bias.map { Double(abs($0)) }
            kernel.scalars.withUnsafeBufferPointer { w in
                for i in 0 ..< bounds.count where bounds[i] != 0 {
                    let row = w.baseAddress! + i * units
                    for j in 0 ..< units { next[j] += bounds[i] * Double(abs(row[j])) }
                }
            }
            if let worst = next.max(), !(worst <= limit) {
                let biasAlone = bias.map { Double(abs($0)) }.max() ?? 0
                let tensor = biasAlone > limit ? "bias" : "kernel"
                return ("\(item.name)/\(tensor)", worst, index == dense.count - 1)
            }
            bounds = next
        }
        return nil
    }

    /// Throws `overflows` (naming `file` and the tensor) when `overflowingTensor()` finds one; `hint`
    /// says what happened to the weights.
    public func checkWeightRange(file: String, hint: String) throws(SafetensorsError) {
        guard let (name, bound, isLast) = overflowingTensor() else { return }
        let layer = name.split(separator: "/").first.map(String.init) ?? name
        let outputs = isLast ? "the logits" : "the outputs of \(layer)"
        throw SafetensorsError(.overflows, file: file, expected: "weights whose arithmetic fits in float32",
                               found: "\"\(name)\" so large that \(outputs) could reach \(Sequential.scientific(bound)) (float32 stops at 3.4e38, and training needs \(Int(Sequential.overflowMargin))x room)",
                               hint: hint)
    }

    /// `6.0e38`, or `inf` past what a Double holds.
    static func scientific(_ x: Double) -> String {
        guard x.isFinite else { return "inf" }
        var exponent = 0
        var mantissa = x
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        return "\((mantissa * 10).rounded() / 10)e\(exponent)"
    }
}
