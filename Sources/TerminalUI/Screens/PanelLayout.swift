import Tutor

/// Where each block of a `PanelView` goes, and in which form: the panel's layout as plain data,
/// computed by one pure function (`PanelLayout.init(view:area:context:)`) that draws nothing.
///
/// `PanelRenderer` draws the placements; the tutor maps the mouse through the canvas placement of the
/// frame the learner saw. The rule, in the order it is applied (flexbox's shrink-before-wrap and
/// ratatui's declared constraints, reduced to what a panel needs):
///
/// 1. Every block starts in its richest form (`BlockForm`, richest first per kind): a digit large, bars
///    with their bars, a grid with all its columns, code as written.
/// 2. If the blocks do not fit, the layout looks for the richest combination of forms that does (cost:
///    what each form loses, `Measure.loss`, times the block's importance weight), before leaving anything out.
/// 3. Only when no combination fits does it leave out `extra` blocks, then `useful` ones, the last
///    declared first, until the rest fits. `essential` blocks are never left out while they
///    fit in their smallest forms; when even they do not, it shows those that fit, the shortest first
///    (the line with the answer before a picture), and reserves a line (`notice`) for the caller to
///    name the key that gives the panel more room.
/// 4. A row puts its blocks side by side while each gets its minimum width, and wraps onto more lines
///    otherwise (a row is a wish, not a promise).
/// 5. Rows to spare go first to one blank line between blocks, then to the blocks that grow (charts,
///    then histograms and number tables).
///
/// Measurements never grow with the width (text wraps onto fewer lines, a row fits more blocks per
/// line), so a larger area never shows fewer blocks (tested on synthetic views from 80x24 to 300x100).
public struct PanelLayout: Equatable, Sendable {
    /// One block (never a row: rows are opened into their blocks) at its place.
    public struct Placement: Equatable, Sendable {
        public var path: BlockPath
        public var block: PanelBlock
        public var form: BlockForm
        public var rect: Rect
    }

    /// The area laid out.
    public let area: Rect
    public let placements: [Placement]
    /// Blocks left out, in the view's order.
    public let omitted: [BlockPath]
    /// Whether an essential block is among the omitted.
    public let omitsEssential: Bool
    /// The row for the line saying what was left out and how to see it; nil when nothing was left out,
    /// or when only optional blocks were and no row was spare.
    public let notice: Rect?

    /// Whether a placed block would show more with more room (a table of numbers cut to the area).
    public let cramped: Bool

    /// The placement of the drawing canvas, if the view has one and it is on screen.
    public var canvas: Placement? {
        placements.first { if case .canvas = $0.block.content { true } else { false } }
    }

    /// Lays `view` out in `area`.
    public init(view: PanelView, area: Rect, context: RenderContext) {
        self.area = area
        var solver = Solver(view: view, width: area.width, height: area.height, context: context)
        let solution = solver.solve()
        placements = solver.place(solution, origin: (area.x, area.y))
        omitted = solution.omitted.sorted().map { solver.leaves[$0].path }
        omitsEssential = solution.omitted.contains { solver.leaves[$0].block.importance == .essential }
        notice = solution.noticeRow.map { Rect(x: area.x, y: area.y + $0, width: area.width, height: 1) }
        cramped = placements.contains { p in
            guard case .pixels = p.block.content else { return false }
            let widths = Measure.widths(p.block.content, p.form, context: context)
            let size = Measure.size(p.block.content, p.form, width: p.rect.width, context: context)
            return p.rect.width < (widths.max ?? 0) || p.rect.height < size.maxRows
        }
    }
}

/// Where a block is in a `PanelView`: its index in `blocks`, and its index in that row when it is in one.
public struct BlockPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var index: Int
    public var child: Int?
    public init(_ index: Int, _ child: Int? = nil) {
        self.index = index
        self.child = child
    }
    public static func < (a: BlockPath, b: BlockPath) -> Bool { (a.index, a.child ?? -1) < (b.index, b.child ?? -1) }
    public var description: String { child.map { "\(index).\($0)" } ?? "\(index)" }

    /// The block at this path in `view`.
    public func block(in view: PanelView) -> PanelBlock {
        let outer = view.blocks[index]
        guard let child, case .row(let children) = outer.content else { return outer }
        return children[child]
    }
}

/// One way to draw a block. Each kind lists its forms richest first (`PanelLayout.forms`).
public enum BlockForm: Hashable, Sendable {
    /// Wrapped to the width (text).
    case wrapped
    /// Code as written (`wrapped: false`), or broken at token boundaries with a hanging indent.
    case code(wrapped: Bool)
    /// A digit or the canvas, large (two cells a pixel) or compact (two pixels a cell), with the
    /// digit's label under it or (when a row is short) without.
    case image(DigitImage.Form, label: Bool)
    /// Bars with their values (`bars: true`), or the values alone.
    case bars(bars: Bool)
    /// An activation grid this many units wide.
    case grid(columns: Int)
    /// A heat map with cells this many characters wide (`HeatMap.cellWidths`).
    case heatmap(cellWidth: Int)
    /// The rest have one form, in any size from their minimum up.
    case plain
}

// MARK: - The solver

/// The search behind `PanelLayout`; internal so tests can reach its measurements.
struct Solver {
    struct Leaf {
        let path: BlockPath
        let block: PanelBlock
        /// The forms usable at the panel's width, richest first (never empty).
        let forms: [BlockForm]
        let entry: Int
    }

    struct Entry {
        let leaves: [Int]
        let isRow: Bool
    }

    struct Solution {
        var levels: [Int]
        var omitted: Set<Int>
        var noticeRow: Int?
        /// Blank rows after each entry, and extra rows per entry line (growth), filled in by `spread`.
        var gaps: [Int] = []
        var growth: [[Int]] = []
    }

    /// A row's line: its leaves and the width each gets.
    typealias Line = [(leaf: Int, width: Int)]

    let view: PanelView
    let width: Int
    let height: Int
    let context: RenderContext
    private(set) var leaves: [Leaf] = []
    private(set) var entries: [Entry] = []
    private var cache: [MeasureKey: Measure.Size] = [:]

    /// Columns between blocks side by side.
    static let columnGap = 2
    /// The width at which the blocks are measured to order them when even the essential ones do not fit.
    static let referenceWidth = 40
    /// Above this many combinations of forms the search goes greedy (no panel comes near it).
    static let exhaustiveLimit = 4096

    init(view: PanelView, width: Int, height: Int, context: RenderContext) {
        self.view = view
        self.width = max(1, width)
        self.height = max(0, height)
        self.context = context
        for (index, block) in view.blocks.enumerated() {
            let children: [(BlockPath, PanelBlock)]
            if case .row(let inner) = block.content {
                children = inner.enumerated().flatMap { k, child -> [(BlockPath, PanelBlock)] in
                    // Rows do not nest: an inner row's blocks join the outer row.
                    if case .row(let deeper) = child.content { return deeper.map { (BlockPath(index, k), $0) } }
                    return [(BlockPath(index, k), child)]
                }
            } else {
                children = [(BlockPath(index), block)]
            }
            guard !children.isEmpty else { continue }
            var ids: [Int] = []
            for (path, child) in children {
                let all = Measure.forms(child.content)
                let usable = all.filter { Measure.widths(child.content, $0, context: context).min <= self.width }
                ids.append(leaves.count)
                leaves.append(Leaf(path: path, block: child, forms: usable.isEmpty ? [all.last!] : usable, entry: entries.count))
            }
            entries.append(Entry(leaves: ids, isRow: children.count > 1 || children[0].0.child != nil))
        }
    }

    // MARK: Measuring

    private struct MeasureKey: Hashable { let leaf: Int; let level: Int; let width: Int }

    mutating func size(_ leaf: Int, level: Int, width: Int) -> Measure.Size {
        let key = MeasureKey(leaf: leaf, level: level, width: width)
        if let known = cache[key] { return known }
        let s = Measure.size(leaves[leaf].block.content, leaves[leaf].forms[level], width: width, context: context)
        cache[key] = s
        return s
    }

    func widths(_ leaf: Int, level: Int) -> Measure.Widths {
        Measure.widths(leaves[leaf].block.content, leaves[leaf].forms[level], context: context)
    }

    /// The leaves of `entry` that are shown, broken into lines, with the width each gets.
    func lines(_ entry: Int, levels: [Int], omitted: Set<Int>) -> [Line] {
        let shown = entries[entry].leaves.filter { !omitted.contains($0) }
        var lines: [[Int]] = []
        var used = 0
        for leaf in shown {
            let w = widths(leaf, level: levels[leaf])
            let need = w.fixed ?? w.min
            if let last = lines.indices.last, used + Self.columnGap + need <= width {
                lines[last].append(leaf)
                used += Self.columnGap + need
            } else {
                lines.append([leaf])
                used = need
            }
        }
        return lines.map { share($0, levels: levels) }
    }

    /// Widths for the leaves of one line: fixed ones their width, the others their minimum plus an
    /// equal share of what is left (never more than they can use).
    func share(_ line: [Int], levels: [Int]) -> Line {
        let w = line.map { widths($0, level: levels[$0]) }
        var given = w.map { $0.fixed ?? $0.min }
        var left = width - given.reduce(0, +) - Self.columnGap * (line.count - 1)
        var open = line.indices.filter { w[$0].fixed == nil && given[$0] < (w[$0].max ?? .max) }
        while left > 0 && !open.isEmpty {
            let each = max(1, left / open.count)
            for i in open where left > 0 {
                let add = min(each, left, (w[i].max ?? .max) - given[i])
                given[i] += add
                left -= add
            }
            open = open.filter { given[$0] < (w[$0].max ?? .max) }
        }
        return zip(line, given).map { ($0, min($1, width)) }
    }

    /// Rows each line of `entry` needs (and may grow to).
    mutating func lineSizes(_ entry: Int, levels: [Int], omitted: Set<Int>) -> [(line: Line, rows: Int, maxRows: Int, priority: Int)] {
        lines(entry, levels: levels, omitted: omitted).map { line in
            var rows = 0, maxRows = 0, priority = 0
            for (leaf, w) in line {
                let s = size(leaf, level: levels[leaf], width: w)
                rows = max(rows, s.rows)
                maxRows = max(maxRows, s.maxRows)
                priority = max(priority, s.growPriority)
            }
            return (line, rows, max(rows, maxRows), priority)
        }
    }

    private struct EntryKey: Hashable { let entry: Int; let levels: [Int]; let shown: [Bool] }
    private var entryCache: [EntryKey: Int] = [:]

    /// Rows an entry needs with these forms (cached: the search asks for the same entry many times).
    mutating func entryHeight(_ entry: Int, levels: [Int], omitted: Set<Int>) -> Int {
        let ids = entries[entry].leaves
        let key = EntryKey(entry: entry, levels: ids.map { levels[$0] }, shown: ids.map { !omitted.contains($0) })
        if let known = entryCache[key] { return known }
        let h = lineSizes(entry, levels: levels, omitted: omitted).reduce(0) { $0 + $1.rows }
        entryCache[key] = h
        return h
    }

    mutating func totalHeight(levels: [Int], omitted: Set<Int>) -> Int {
        entries.indices.reduce(0) { $0 + entryHeight($1, levels: levels, omitted: omitted) }
    }

    // MARK: Searching

    /// Each step down a form costs this much (a richer form of an essential block matters most).
    static func weight(_ importance: Importance) -> Int {
        switch importance {
        case .essential: 4
        case .useful: 2
        case .extra: 1
        }
    }

    /// What form `level` of a leaf loses against its first (grids: one per step to fewer columns).
    func lost(leaf: Int, level: Int) -> Int {
        let forms = leaves[leaf].forms
        if case .grid = forms[level] { return level }
        return Measure.loss(forms[level]) - Measure.loss(forms[0])
    }

    /// The richest levels with which the shown blocks fit in `rows`, or nil.
    mutating func bestLevels(omitted: Set<Int>, rows: Int) -> [Int]? {
        let shown = leaves.indices.filter { !omitted.contains($0) && leaves[$0].forms.count > 1 }
        let combinations = shown.reduce(1) { $0 * leaves[$1].forms.count }
        var levels = [Int](repeating: 0, count: leaves.count)
        if combinations > Self.exhaustiveLimit { return greedyLevels(omitted: omitted, rows: rows) }
        var best: (cost: Int, levels: [Int])?
        for n in 0 ..< combinations {
            var k = n
            for leaf in shown {
                levels[leaf] = k % leaves[leaf].forms.count
                k /= leaves[leaf].forms.count
            }
            let h = totalHeight(levels: levels, omitted: omitted)
            guard h <= rows else { continue }
            let cost = shown.reduce(0) { $0 + Self.weight(leaves[$1].block.importance) * lost(leaf: $1, level: levels[$1]) }
            // Cheaper first; at equal cost, the earlier blocks richer (levels compared in reading order).
            if let b = best, b.cost < cost || (b.cost == cost && b.levels.lexicographicallyPrecedes(levels)) { continue }
            best = (cost, levels)
        }
        return best?.levels
    }

    /// Steps one block down a form at a time, the one freeing the most rows per importance lost.
    mutating func greedyLevels(omitted: Set<Int>, rows: Int) -> [Int]? {
        var levels = [Int](repeating: 0, count: leaves.count)
        while true {
            let h = totalHeight(levels: levels, omitted: omitted)
            if h <= rows { return levels }
            var best: (gain: Double, leaf: Int)?
            for leaf in leaves.indices where !omitted.contains(leaf) && levels[leaf] + 1 < leaves[leaf].forms.count {
                levels[leaf] += 1
                let gain = Double(h - totalHeight(levels: levels, omitted: omitted)) / Double(Self.weight(leaves[leaf].block.importance))
                levels[leaf] -= 1
                if gain > 0, gain >= (best?.gain ?? 0) { best = (gain, leaf) }
            }
            guard let step = best else { return nil }
            levels[step.leaf] += 1
        }
    }

    mutating func solve() -> Solution {
        // Extra blocks go first, then useful ones; within each, the last declared first.
        let dropOrder = leaves.indices.filter { leaves[$0].block.importance != .essential }
            .sorted { (leaves[$0].block.importance, -$0) < (leaves[$1].block.importance, -$1) }
        for k in 0 ... dropOrder.count {
            // Always a prefix of one order, so a larger area, which fits at least what a smaller one
            // fits, never shows less (putting back a block that would fit again could break that).
            let omitted = Set(dropOrder.prefix(k))
            guard let levels = bestLevels(omitted: omitted, rows: height) else { continue }
            // A line saying what is missing, when a row is spare for it.
            let roomForNotice = !omitted.isEmpty && totalHeight(levels: levels, omitted: omitted) < height
            return spread(Solution(levels: levels, omitted: omitted, noticeRow: roomForNotice ? 0 : nil))
        }
        // Even the essential blocks do not fit: the shortest first (a line with the answer before a
        // picture), as long as they fit whole in their smallest forms, and a line for the key that gives
        // the panel more room. The order is measured at a fixed width, so it is the same at every size
        // and a larger area keeps what a smaller one shows.
        let levels = leaves.map { $0.forms.count - 1 }
        var omitted = Set(dropOrder)
        var reference = Solver(view: view, width: Self.referenceWidth, height: height, context: context)
        let smallest = reference.leaves.map { $0.forms.count - 1 }
        let heights = entries.indices.map { reference.entryHeight($0, levels: smallest, omitted: omitted) }
        let order = entries.indices.sorted { (heights[$0], $0) < (heights[$1], $1) }
        var used = 1
        for entry in order {
            let h = entryHeight(entry, levels: levels, omitted: omitted)
            if used + h > height || used > height {
                omitted.formUnion(entries[entry].leaves)
                used = height + 1  // and everything after it
            } else {
                used += h
            }
        }
        return spread(Solution(levels: levels, omitted: omitted, noticeRow: height > 0 ? 0 : nil))
    }

    /// Hands out the spare rows: a blank line between entries when there is room for all of them, then
    /// growth to the lines that can use it, highest priority first, one row at a time in turn.
    mutating func spread(_ solution: Solution) -> Solution {
        var s = solution
        let sizes = entries.indices.map { lineSizes($0, levels: s.levels, omitted: s.omitted) }
        let used = sizes.reduce(0) { $0 + $1.reduce(0) { $0 + $1.rows } }
        var spare = height - used - (s.noticeRow == nil ? 0 : 1)
        let shown = entries.indices.filter { !sizes[$0].isEmpty }
        s.gaps = [Int](repeating: 0, count: entries.count)
        if shown.count > 1 && spare >= shown.count - 1 {
            for e in shown.dropLast() { s.gaps[e] = 1 }
            spare -= shown.count - 1
        }
        s.growth = sizes.map { [Int](repeating: 0, count: $0.count) }
        for priority in [3, 2, 1] where spare > 0 {
            while spare > 0 {
                var grew = false
                for e in entries.indices {
                    for (l, line) in sizes[e].enumerated() where spare > 0 && line.priority == priority
                        && line.rows + s.growth[e][l] < line.maxRows {
                        s.growth[e][l] += 1
                        spare -= 1
                        grew = true
                    }
                }
                if !grew { break }
            }
        }
        if s.noticeRow != nil {
            s.noticeRow = height - 1 - max(0, spare)  // right under the blocks
        }
        return s
    }

    /// The placements for a solution, from `origin`.
    mutating func place(_ s: Solution, origin: (x: Int, y: Int)) -> [PanelLayout.Placement] {
        var result: [PanelLayout.Placement] = []
        var y = origin.y
        for e in entries.indices {
            let sizes = lineSizes(e, levels: s.levels, omitted: s.omitted)
            for (l, line) in sizes.enumerated() {
                let rows = line.rows + (s.growth.isEmpty ? 0 : s.growth[e][l])
                var x = origin.x
                for (leaf, w) in line.line {
                    let own = size(leaf, level: s.levels[leaf], width: w)
                    // Blocks that grow take the line's height; the others keep their own, at the top.
                    let h = own.maxRows > own.rows ? min(rows, own.maxRows) : own.rows
                    result.append(PanelLayout.Placement(path: leaves[leaf].path, block: leaves[leaf].block,
                                                        form: leaves[leaf].forms[s.levels[leaf]],
                                                        rect: Rect(x: x, y: y, width: w, height: h)))
                    x += w + Self.columnGap
                }
                y += rows
            }
            if !sizes.isEmpty, !s.gaps.isEmpty { y += s.gaps[e] }
        }
        return result
    }
}
