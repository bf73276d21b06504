import Synchronization
/// The fast path of `fit`, `evaluate` and `predict`: every buffer allocated once, the forward pass on
/// sparse rows, the backward pass fused with Adam one kernel row at a time (the gradient of a row is
/// used as soon as it is computed, so the 100,480-value `dW` never exists as a whole).
///
/// A reference type that owns raw memory; it lives only inside one call of `fit`/`evaluate`/`predict`
/// and copies the weights in from the model and back out, so `Sequential` stays a value type.
final class Trainer {
    struct StageBuffers {
        let inputs: Int, units: Int
        /// With two threads, where the kernel's columns are split: the first part is `0 ..< split`, the second
        /// `split ..< units` (nil: one thread, or too few units to split).
        let split: Int?
        let activation: Activation
        let dropoutRates: [Float]
        // Parameters and Adam state: w, mw, vw: [inputs, units] (in blocks when `split`: see `offset`); b, mb, vb: [units].
        let w, mw, vw, b, mb, vb: UnsafeMutablePointer<Float>
        /// Per kernel row: whether its Adam state may be nonzero. A row never touched by a nonzero input
        /// has m = v = 0, where Adam's update is exactly 0, so it is skipped (MNIST's blank border pixels).
        let rowActive: UnsafeMutablePointer<Bool>
        // Activations: z (pre-activation), a (after activation and dropout), delta (dLoss/dz): [capacity, units].
        let z, a, delta: UnsafeMutablePointer<Float>
        /// Dropout factors (0 or 1/(1-rate)), and factor = activation'(z) · mask, both [capacity, units].
        /// (`mask` and `extraMask` are `var`: with two threads, `forward` exchanges them with the ones the helper
        /// drew for this step, `prepareMasks`.)
        var mask, extraMask: UnsafeMutablePointer<Float>
        let factor: UnsafeMutablePointer<Float>
        /// The kernel transposed, `[units, inputs]`, refreshed before each backward pass (stages after the first).
        let wT: UnsafeMutablePointer<Float>
        // The stage's input in compressed rows (CSR) and columns (CSC).
        // (The first stage's rows are `var`: with two threads, `swapInput` exchanges them with `spareInput`.)
        var rowStart, column: UnsafeMutablePointer<Int32>
        let columnStart, row: UnsafeMutablePointer<Int32>
        var value: UnsafeMutablePointer<Float>
        let columnValue: UnsafeMutablePointer<Float>

        /// The stage's input by column, as `SparseKernels.sweep` reads it.
        var columns: SparseKernels.Columns { .init(columnStart: columnStart, row: row, value: columnValue) }

        /// The column ranges the threads take: one, or two when `split`.
        var parts: [Range<Int>] { split.map { [0 ..< $0, $0 ..< units] } ?? [0 ..< units] }

        /// Where weight `(i, j)` (and its moments) is in `w`, `mw`, `vw`. With `split`, each part's columns form a
        /// block of their own, `[inputs, part.count]`, one after the other: two threads that interleaved halves of
        /// the same rows ran their sweeps half as fast again as one thread alone (measured on AMD Zen 3: the
        /// hardware prefetcher of each core pulls in the lines of the other core's half, which that core is
        /// writing), while each in a block of its own takes the time one thread takes for its half.
        @inline(__always) func offset(_ i: Int, _ j: Int) -> Int {
            guard let split else { return i * units + j }
            return j < split ? i * split + j : inputs * split + i * (units - split) + (j - split)
        }

        /// `p` (one of `w`, `mw`, `vw`) as the kernels take it for columns `part`: weight `(i, j)` at
        /// `[i · rowStride + j]`.
        func kernel(_ p: UnsafeMutablePointer<Float>, part: Range<Int>) -> (UnsafeMutablePointer<Float>, rowStride: Int) {
            guard split != nil else { return (p, units) }
            return (p + inputs * part.lowerBound - part.lowerBound, part.count)
        }

        /// Copies `[inputs, units]` row-major values into `p` laid out as `offset` says.
        func copyIn(_ source: UnsafeBufferPointer<Float>, to p: UnsafeMutablePointer<Float>) {
            guard split != nil else { p.update(from: source.baseAddress!, count: source.count); return }
            for i in 0 ..< inputs { for j in 0 ..< units { p[offset(i, j)] = source[i * units + j] } }
        }

        /// `wT`, the kernel transposed, from `w` in either layout.
        func transposeKernel() {
            guard split != nil else { return SparseKernels.transposeMatrix(w, inputs: inputs, units: units, into: wT) }
            for i in 0 ..< inputs { for c in 0 ..< units { wT[c * inputs + i] = w[offset(i, c)] } }
        }

        /// `p`'s values, row-major `[inputs, units]`.
        func copyOut(_ p: UnsafeMutablePointer<Float>) -> [Float] {
            guard split != nil else { return Array(UnsafeBufferPointer(start: p, count: inputs * units)) }
            return [Float](unsafeUninitializedCapacity: inputs * units) { out, count in
                for i in 0 ..< inputs { for j in 0 ..< units { out[i * units + j] = p[offset(i, j)] } }
                count = inputs * units
            }
        }
    }

    let plan: Plan
    let capacity: Int
    var stages: [StageBuffers] = []
    /// Dense scratch rows, [capacity, inputSize], that a `BatchSource` may use while compressing a batch.
    let input: UnsafeMutablePointer<Float>
    /// With two threads: a second set of the first stage's compressed rows, which the helper fills with the
    /// next batch (`loadSpare`) while this thread finishes the current one.
    private(set) var spareInput: (rowStart: UnsafeMutablePointer<Int32>, column: UnsafeMutablePointer<Int32>,
                                  value: UnsafeMutablePointer<Float>)?
    /// With two threads: a second set of every stage's dropout masks, which the helper draws for the next step
    /// (`prepareMasks`) while this thread finishes the current one; `masksReady` says they are there.
    private var spareMasks: [(mask: UnsafeMutablePointer<Float>, extra: UnsafeMutablePointer<Float>)] = []
    private(set) var masksReady = false
    let labels: UnsafeMutablePointer<Int32>
    /// Scratch for a gradient (the bias's, and the last `units % 32` columns of a kernel row's in `SparseKernels.sweep`):
    /// one per thread, `gradientStride` floats apart (a multiple of 64 bytes, at least 32 floats, beyond the widest layer).
    let gradient: UnsafeMutablePointer<Float>
    let gradientStride: Int
    /// The next chunk of kernel rows of a split layer's first part to sweep (two threads; see `trainStep`).
    private let sweepRows = SharedCounter()
    /// The helper thread for the first layer's forward pass and its gradient+Adam loop (nil: one thread).
    let pool: WorkerPool?
    private var allocations: [UnsafeMutableRawPointer] = []

    var optimizer: Adam

    init(plan: Plan, capacity: Int, model: Sequential, optimizer: Adam = Adam(), threads: Int = 1) {
        self.plan = plan
        self.pool = threads > 1 ? WorkerPool() : nil
        self.capacity = capacity
        self.optimizer = optimizer
        var owned: [UnsafeMutableRawPointer] = []
        // Every buffer starts on a cache line (64 bytes), so rows split between threads share no line.
        func floats(_ n: Int) -> UnsafeMutablePointer<Float> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(n, 1) * 4, alignment: 64)
            owned.append(raw)
            return raw.initializeMemory(as: Float.self, repeating: 0, count: max(n, 1))
        }
        func ints(_ n: Int) -> UnsafeMutablePointer<Int32> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(n, 1) * 4, alignment: 64)
            owned.append(raw)
            return raw.initializeMemory(as: Int32.self, repeating: 0, count: max(n, 1))
        }
        input = floats(capacity * plan.inputSize)
        labels = ints(capacity)
        let maxUnits = plan.stages.map(\.units).max()!
        gradientStride = (maxUnits + 31) / 16 * 16
        gradient = floats(2 * gradientStride)
        for s in plan.stages {
            let n = capacity * s.units
            let activeRaw = UnsafeMutableRawPointer.allocate(byteCount: s.inputs, alignment: 64)
            owned.append(activeRaw)
            let active = activeRaw.initializeMemory(as: Bool.self, repeating: false, count: s.inputs)
            stages.append(StageBuffers(
                inputs: s.inputs, units: s.units, split: threads > 1 && s.units >= 64 ? s.units / 64 * 32 : nil,
                activation: s.activation, dropoutRates: s.dropoutRates,
                // w and b: 16 floats more, which `SparseKernels.forwardNarrow` may read (and ignore)
                w: floats(s.inputs * s.units + 16), mw: floats(s.inputs * s.units), vw: floats(s.inputs * s.units),
                b: floats(s.units + 16), mb: floats(s.units), vb: floats(s.units), rowActive: active,
                z: floats(n), a: floats(n), delta: floats(n + 16),  // delta: 16 more for `sweepNarrow`
                mask: floats(n), extraMask: floats(s.dropoutRates.count > 1 ? n : 0), factor: floats(n),
                wT: floats(stages.isEmpty ? 0 : s.inputs * s.units),
                rowStart: ints(capacity + 1), column: ints(capacity * s.inputs),
                columnStart: ints(s.inputs + 1), row: ints(capacity * s.inputs),
                value: floats(capacity * s.inputs), columnValue: floats(capacity * s.inputs)))
        }
        if threads > 1 {
            let inputs = plan.stages[0].inputs
            spareInput = (ints(capacity + 1), ints(capacity * inputs), floats(capacity * inputs))
            spareMasks = plan.stages.map { s in
                (floats(capacity * s.units), floats(s.dropoutRates.count > 1 ? capacity * s.units : 0))
            }
        }
        allocations = owned
        load(model)
    }

    deinit {
        for p in allocations { p.deallocate() }
    }

    /// Copies the model's weights and the optimizer's moments into the buffers.
    func load(_ model: Sequential) {
        let hasState = optimizer.moments.count == 2 * stages.count
        for (k, (s, stage)) in zip(stages, plan.stages).enumerated() {
            let dense = model.layers[stage.layerIndex] as! Dense
            dense.kernel.scalars.withUnsafeBufferPointer { s.copyIn($0, to: s.w) }
            dense.bias.scalars.withUnsafeBufferPointer { s.b.update(from: $0.baseAddress!, count: $0.count) }
            if hasState {
                optimizer.moments[2 * k].withUnsafeBufferPointer { s.copyIn($0, to: s.mw) }
                optimizer.velocities[2 * k].withUnsafeBufferPointer { s.copyIn($0, to: s.vw) }
                optimizer.moments[2 * k + 1].withUnsafeBufferPointer { s.mb.update(from: $0.baseAddress!, count: $0.count) }
                optimizer.velocities[2 * k + 1].withUnsafeBufferPointer { s.vb.update(from: $0.baseAddress!, count: $0.count) }
            }
            for i in 0 ..< s.inputs {
                var any = false
                for j in 0 ..< s.units where s.mw[s.offset(i, j)] != 0 || s.vw[s.offset(i, j)] != 0 { any = true; break }
                s.rowActive[i] = any
            }
        }
    }

    /// Writes the trained weights (and the optimizer with its moments) back into `model`.
    func store(into model: inout Sequential) {
        var moments: [[Float]] = [], velocities: [[Float]] = []
        for (s, stage) in zip(stages, plan.stages) {
            let kernel = Tensor(shape: [s.inputs, s.units], scalars: s.copyOut(s.w))
            let bias = Tensor(shape: [s.units], scalars: Array(UnsafeBufferPointer(start: s.b, count: s.units)))
            var dense = model.layers[stage.layerIndex] as! Dense
            dense.setWeights(kernel: kernel, bias: bias)
            model.layers[stage.layerIndex] = dense
            moments += [s.copyOut(s.mw), Array(UnsafeBufferPointer(start: s.mb, count: s.units))]
            velocities += [s.copyOut(s.vw), Array(UnsafeBufferPointer(start: s.vb, count: s.units))]
        }
        optimizer.moments = moments
        optimizer.velocities = velocities
    }

    /// Reads examples `indices` of `x` into the first stage's compressed input (callers set `labels`).
    func loadBatch(_ x: some BatchSource, indices: UnsafeBufferPointer<Int>) {
        let s = stages[0]
        _ = x.fillCompressedBatch(indices: indices, rowStart: s.rowStart, column: s.column, value: s.value, scratch: input)
    }

    /// Reads examples `indices` of `x` into the spare compressed rows (two threads only; see `swapInput`).
    func loadSpare(_ x: some BatchSource, indices: UnsafeBufferPointer<Int>) {
        let spare = spareInput!
        _ = x.fillCompressedBatch(indices: indices, rowStart: spare.rowStart, column: spare.column, value: spare.value,
                                  scratch: input)
    }

    /// Makes the batch `loadSpare` read the current one (and the current one's buffers the spare ones).
    func swapInput() {
        let spare = spareInput!
        spareInput = (stages[0].rowStart, stages[0].column, stages[0].value)
        stages[0].rowStart = spare.rowStart
        stages[0].column = spare.column
        stages[0].value = spare.value
    }

    /// The forward pass on the first `rows` rows loaded by `loadBatch`; returns the output layer's values
    /// `[rows, classes]` (logits; softmax is left to the loss or to `predict`).
    /// With `training`, dropout draws its masks from `generator`. With `transposingInput` (and two threads),
    /// the helper thread compresses the first stage's input by column for the backward pass while this thread
    /// goes on with the later stages, and then runs `prefetch`; the backward pass waits for both (`WorkerPool.wait`).
    @discardableResult
    func forward(rows: Int, training: Bool, generator: inout SeededGenerator,
                 transposingInput: Bool = false, prefetch: (() -> Void)? = nil) -> UnsafeMutablePointer<Float> {
        if training {
            // Every stage's masks first, stage by stage as the layers come (the generator's order), so that the
            // helper may draw the next step's while this step goes on.
            if masksReady {
                for k in stages.indices where stages[k].dropoutRates.contains(where: { $0 > 0 }) {
                    swap(&stages[k].mask, &spareMasks[k].mask)
                    swap(&stages[k].extraMask, &spareMasks[k].extra)
                }
                masksReady = false
            } else {
                for k in stages.indices {
                    Self.drawMasks(stages[k].dropoutRates, count: rows * stages[k].units, generator: &generator,
                                   mask: stages[k].mask, extra: stages[k].extraMask)
                }
            }
        }
        for k in stages.indices {
            let s = stages[k]
            if k > 0 && !isNarrow(k) {
                _ = SparseKernels.compressRows(stages[k - 1].a, rows: rows, columns: s.inputs,
                                               rowStart: s.rowStart, column: s.column, value: s.value)
            }
            if isNarrow(k) {
                // A narrow layer reads the previous layer's output as it is (see NarrowKernels.swift).
                SparseKernels.forwardNarrow(rows: rows, inputs: s.inputs, units: s.units, x: stages[k - 1].a, w: s.w,
                                            bias: s.b, z: s.z)
            } else if let pool, s.split != nil {
                let parts = s.parts
                pool.run { p in
                    let (w, stride) = s.kernel(s.w, part: parts[p])
                    SparseKernels.forward(rows: rows, units: s.units, part: parts[p], rowStart: s.rowStart, column: s.column,
                                          value: s.value, w: w, wRowStride: stride, bias: s.b, z: s.z)
                }
            } else {
                SparseKernels.forward(rows: rows, units: s.units, part: 0 ..< s.units, rowStart: s.rowStart,
                                      column: s.column, value: s.value, w: s.w, bias: s.b, z: s.z)
            }
            if k == 0 && transposingInput, let pool {
                pool.start {
                    Trainer.transposeInput(s, rows: rows)
                    prefetch?()
                }
            }
            let n = rows * s.units
            let dropout = training && s.dropoutRates.contains { $0 > 0 }
            SparseKernels.activate(s.z, count: n, activation: s.activation, mask: dropout ? UnsafePointer(s.mask) : nil,
                                   a: s.a, factor: s.factor)
        }
        return stages[stages.count - 1].a
    }

    /// A stage's dropout masks for `count` activations: the product of one mask per rate, drawn in order
    /// (nothing drawn when no rate is above 0).
    static func drawMasks(_ rates: [Float], count n: Int, generator: inout SeededGenerator,
                          mask: UnsafeMutablePointer<Float>, extra: UnsafeMutablePointer<Float>) {
        guard rates.contains(where: { $0 > 0 }) else { return }
        Dropout.fillMask(rate: rates[0], count: n, generator: &generator, into: mask)
        for rate in rates.dropFirst() {
            Dropout.fillMask(rate: rate, count: n, generator: &generator, into: extra)
            for i in 0 ..< n { mask[i] *= extra[i] }
        }
    }

    /// Draws the next training step's dropout masks (for `rows` rows) into the spare set, for `forward` to take
    /// (two threads only: the helper runs it while this thread finishes the current step; see `Sequential.fit`).
    func prepareMasks(rows: Int, generator: inout SeededGenerator) {
        for k in stages.indices {
            Self.drawMasks(stages[k].dropoutRates, count: rows * stages[k].units, generator: &generator,
                           mask: spareMasks[k].mask, extra: spareMasks[k].extra)
        }
        masksReady = true
    }

    /// One step of training on the first `rows` rows of `input` and `labels`: forward, the fused
    /// softmax cross-entropy, backward, and Adam. Returns the summed loss and the number correct.
    /// With two threads, the helper runs `prefetch` (e.g. `loadSpare` of the next batch) during the step.
    func trainStep(rows: Int, generator: inout SeededGenerator, prefetch: (() -> Void)? = nil) -> (lossSum: Double, correct: Int) {
        let logits = forward(rows: rows, training: true, generator: &generator, transposingInput: true,
                             prefetch: prefetch)
        let last = stages[stages.count - 1]
        let result = SparseCategoricalCrossentropy.lossAndGradient(
            logits: logits, labels: labels, batch: rows, classes: last.units, gradient: last.delta)
        if last.activation != .linear {
            for i in 0 ..< rows * last.units { last.delta[i] *= last.factor[i] }
        }
        optimizer.iterations += 1
        let alpha = optimizer.stepSize(step: optimizer.iterations)
        let (b1, b2, eps) = (optimizer.beta1, optimizer.beta2, optimizer.epsilon)
        let adam = SparseKernels.AdamStep(alpha: alpha, beta1: b1, beta2: b2, epsilon: eps)
        for k in stages.indices.reversed() {
            let s = stages[k]
            if k > 0 {
                let previous = stages[k - 1]
                s.transposeKernel()
                SparseKernels.backwardInput(rows: rows, units: s.units, inputs: s.inputs, dz: s.delta, wT: s.wT,
                                            factor: previous.factor, dx: previous.delta)
            }
            if k == 0, let pool {
                pool.wait()  // the helper transposed it during the forward pass
            } else if k == 0 {
                Trainer.transposeInput(s, rows: rows)
            } else if !isNarrow(k) {
                // A later stage's input is the previous stage's output, dense: compressed by column directly.
                SparseKernels.compressColumns(stages[k - 1].a, rows: rows, columns: s.inputs, columnStart: s.columnStart,
                                              row: s.row, columnValue: s.columnValue)
            }
            // The weights and both moments of a 784-input layer (1.2 MB) exceed a core's L2 cache (512 KB on Zen 3); swept
            // in the same order every step, least-recently-used eviction makes every access a miss. Alternating
            // the direction starts each sweep on the rows the previous one left in cache. Rows are independent,
            // so the order does not change any result.
            let backwards = optimizer.iterations % 2 == 0
            if isNarrow(k) {
                // Its input is the previous layer's output, dense, read as it is.
                SparseKernels.sweepNarrow(rows: rows, inputs: s.inputs, units: s.units, x: stages[k - 1].a, dz: s.delta,
                                          w: s.w, m: s.mw, v: s.vw, rowActive: s.rowActive, adam: adam)
            } else if let pool, s.split != nil {
                let parts = s.parts
                // The helper sweeps the second part's columns, then joins this thread on the first part's, claiming
                // its kernel rows 16 at a time: the two parts do not take the same time (the first one's moments
                // underflow more often, measured: 57 against 39 µs a step on the Zen 3 host), and rows are
                // independent, so whichever thread is free takes the next ones.
                let chunk = 16, chunks = (s.inputs + chunk - 1) / chunk
                sweepRows.value.store(0, ordering: .relaxed)
                pool.run { p in
                    func sweep(_ q: Int, rows: Range<Int>?) {
                        let (w, stride) = s.kernel(s.w, part: parts[q])
                        SparseKernels.sweep(inputs: s.inputs, units: s.units, part: parts[q], rowStride: stride, rows: rows,
                                            w: w, m: s.kernel(s.mw, part: parts[q]).0, v: s.kernel(s.vw, part: parts[q]).0,
                                            rowActive: s.rowActive, marksRows: q == 0,
                                            batch: s.columns, dz: s.delta, adam: adam, backwards: backwards,
                                            scratch: gradient + p * gradientStride)
                    }
                    if p == 1 { sweep(1, rows: nil) }
                    while true {
                        let c = sweepRows.value.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard c < chunks else { break }
                        let (lo, hi) = (c * chunk, min(c * chunk + chunk, s.inputs))
                        sweep(0, rows: backwards ? s.inputs - hi ..< s.inputs - lo : lo ..< hi)
                    }
                }
            } else {
                SparseKernels.sweep(inputs: s.inputs, units: s.units, part: 0 ..< s.units, w: s.w, m: s.mw, v: s.vw,
                                    rowActive: s.rowActive, marksRows: true, batch: s.columns, dz: s.delta,
                                    adam: adam, backwards: backwards, scratch: gradient)
            }
            gradient.update(repeating: 0, count: s.units)
            for r in 0 ..< rows {
                let d = s.delta + r * s.units
                for j in 0 ..< s.units { gradient[j] += d[j] }
            }
            Adam.update(s.b, s.mb, s.vb, gradient: gradient, count: s.units, alpha: alpha, beta1: b1, beta2: b2, epsilon: eps)
        }
        return result
    }

    /// Whether stage `k` is a narrow layer after the first, which `SparseKernels.forwardNarrow` and `sweepNarrow`
    /// run on its dense input.
    func isNarrow(_ k: Int) -> Bool { k > 0 && stages[k].units <= SparseKernels.narrowUnits }

    /// The stage's input `[rows, inputs]` by column (CSC), from its rows (CSR), for the kernel's gradient.
    static func transposeInput(_ s: StageBuffers, rows: Int) {
        SparseKernels.transpose(rows: rows, columns: s.inputs, rowStart: s.rowStart, column: s.column, value: s.value,
                                columnStart: s.columnStart, row: s.row, columnValue: s.columnValue)
    }
}

/// An atomic counter two threads share (a class, since `Atomic` cannot be copied).
final class SharedCounter: Sendable {
    let value = Atomic<Int>(0)
}
