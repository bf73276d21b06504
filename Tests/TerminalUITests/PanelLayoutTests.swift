import Testing
@testable import TerminalUI

/// The layout rule itself (`PanelLayout`), on synthetic views: random mixes of every kind of block,
/// importance and row, laid out in the panel areas of terminals from 80x24 to 300x100.
@Suite struct PanelLayoutTests {
    /// A small deterministic generator (the views must be the same on every run).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func bool() -> Bool { next() % 2 == 0 }
    }

    static let words = ["loss", "the", "mask", "drops", "units", "of", "128", "logits", "probability", "softmax", "trained",
                        "a", "digit", "x_test[0]", "accuracy", "**bold**", "`code`", "ReLU(x)", "=", "0.2"]

    static func block(_ r: inout Random) -> PanelBlock {
        let values = (0 ..< 10).map { _ in Float(r.int(-50 ... 50)) / 10 }
        let image = DigitImageModel(pixels: (0 ..< 784).map { _ in UInt8(r.int(0 ... 255)) }, label: r.bool() ? "label 7" : nil)
        switch r.int(0 ... 10) {
        case 0, 1: return .text((0 ..< r.int(2 ... 40)).map { _ in words[r.int(0 ... words.count - 1)] }.joined(separator: " "))
        case 2: return .code((0 ..< r.int(1 ... 4)).map { _ in String(repeating: "x = f(y) ", count: r.int(1 ... 6)) }.joined(separator: "\n"))
        case 3: return .digit(image, large: r.bool())
        case 4: return .bars(BarChartModel(values: values, scale: .signed, title: r.bool() ? "logits with this mask" : nil,
                                          probabilities: r.bool() ? values.map { abs($0) / 50 } : nil))
        case 5: return .grid(ActivationGridModel(values: (0 ..< 128).map { _ in Float(max(0, r.int(-3 ... 3))) }, title: "units"))
        case 6: return .histogram(HistogramModel(counts: (0 ..< 16).map { _ in r.int(0 ... 20) }, lower: -4, upper: 4, title: "w·x+b"))
        case 7: return .chart([SeriesModel(name: "loss", values: (0 ..< r.int(2 ... 200)).map { _ in Double(r.int(0 ... 100)) / 40 })],
                              minHeight: r.int(5 ... 8))
        case 8: return .progress(ProgressModel(completed: 10, total: 100, elapsed: 1))
        case 9: return .canvas(DrawingCanvasModel(), large: r.bool())
        default: return .pixels(PixelValuesModel(image: image, top: r.int(0 ... 10), left: r.int(0 ... 10), rows: r.int(3 ... 18),
                                                 columns: r.int(3 ... 18)))
        }
    }

    /// A view of 2 to 7 blocks, some in rows, with random importance (at most three essential).
    static func view(seed: UInt64) -> PanelView {
        var r = Random(state: seed)
        var essentials = 0
        func ranked(_ b: PanelBlock) -> PanelBlock {
            let importance = Importance.allCases[r.int(0 ... 2)]
            if importance == .essential { essentials += 1 }
            return b.with(importance == .essential && essentials > 3 ? .useful : importance)
        }
        let blocks = (0 ..< r.int(2 ... 7)).map { _ -> PanelBlock in
            r.int(0 ... 3) == 0 ? .row((0 ..< r.int(2 ... 3)).map { _ in ranked(block(&r)) }) : ranked(block(&r))
        }
        return PanelView(title: "synthetic", blocks: blocks)
    }

    /// The panel's inside on a screen of `columns` x `rows`: its share of the width (or all of it,
    /// zoomed), under the header and above a two-line question, an answer line and a two-line key bar.
    static func area(columns: Int, rows: Int, zoomed: Bool) -> Rect {
        let width = zoomed ? columns : TutorScreen.panelWidth(total: columns)
        return TutorScreen.panelInner(Rect(x: columns - width, y: 1, width: width, height: rows - 1 - 3 - 2))
    }

    static let columns = [80, 100, 120, 132, 160, 200, 250, 300]
    static let rows = [24, 30, 40, 43, 50, 60, 80, 100]

    /// Checks one layout: inside its area, nothing overlapping, every block whole in its form.
    static func expectSound(_ layout: PanelLayout, _ view: PanelView, _ name: String) {
        var covered: [Rect] = layout.notice.map { [$0] } ?? []
        for p in layout.placements {
            #expect(layout.area.intersection(p.rect) == p.rect, "\(name): \(p.path) at \(p.rect) leaves \(layout.area)")
            #expect(covered.allSatisfy { $0.intersection(p.rect).isEmpty }, "\(name): \(p.path) overlaps")
            covered.append(p.rect)
            let widths = Measure.widths(p.block.content, p.form, context: .unicode256)
            let rows = Measure.size(p.block.content, p.form, width: p.rect.width, context: .unicode256).rows
            #expect(p.rect.width >= min(widths.min, layout.area.width) && p.rect.height >= rows,
                    "\(name): \(p.path) in \(p.form) needs \(widths.min) columns and \(rows) rows, has \(p.rect)")
            #expect(p.block == p.path.block(in: view), "\(name): \(p.path) is not the block it names")
        }
        #expect(Set(layout.placements.map(\.path)).isDisjoint(with: layout.omitted), "\(name): a block both placed and left out")
        #expect(layout.placements.count + layout.omitted.count == view.leaves.count, "\(name): a block neither placed nor left out")
        if layout.omitsEssential { #expect(layout.notice != nil, "\(name): essential blocks left out without a notice") }
    }

    @Test("synthetic views, 80x24 to 300x100: inside, no overlap, whole; essentials kept; a bigger size never shows less",
          arguments: 0 ..< 32)
    func synthetic(seed: Int) {
        let view = Self.view(seed: UInt64(seed) &* 7919 &+ 13)
        for zoomed in [false, true] {
            var shown: [Size: Set<BlockPath>] = [:]
            var essentialsFit: Bool?
            for c in Self.columns {
                for r in Self.rows {
                    let area = Self.area(columns: c, rows: r, zoomed: zoomed)
                    let layout = PanelLayout(view: view, area: area, context: .unicode256)
                    let name = "view \(seed) at \(c)x\(r)\(zoomed ? " zoomed" : "")"
                    Self.expectSound(layout, view, name)
                    // Once the essential blocks fit at the smallest size, they fit at every size.
                    if essentialsFit == nil { essentialsFit = !layout.omitsEssential }
                    if essentialsFit == true { #expect(!layout.omitsEssential, "\(name): essential blocks left out: \(layout.omitted)") }
                    shown[Size(columns: c, rows: r)] = Set(layout.placements.map(\.path))
                }
            }
            for (small, a) in shown {
                for (large, b) in shown where large.fits(small) && a != b {
                    #expect(a.isSubset(of: b), "view \(seed)\(zoomed ? " zoomed" : ""): \(small) shows \(a.subtracting(b).sorted()), \(large) does not")
                }
            }
        }
    }

    @Test("essential blocks that cannot fit: the shortest first (the answer's line before a picture), and a notice row for the key")
    func essentialsThatDoNotFit() {
        let tall = PanelView(title: "t", blocks: [
            .digit(.blank(), large: false).essential,
            .digit(.blank(), large: false).essential,
            .text("position: 150").essential,
            .text("a caption"),
        ])
        let layout = PanelLayout(view: tall, area: Rect(x: 0, y: 0, width: 30, height: 18), context: .unicode256)
        #expect(layout.omitsEssential && layout.omitted == [BlockPath(1), BlockPath(3)])
        #expect(layout.placements.map(\.path) == [BlockPath(0), BlockPath(2)])
        let notice = try! #require(layout.notice)
        #expect(notice.maxY <= 18 && layout.placements.allSatisfy { $0.rect.intersection(notice).isEmpty })
        var buffer = CellBuffer(columns: 40, rows: 18)
        PanelRenderer(layout).render(into: &buffer, context: .asciiPlain, notice: "press Tab")
        #expect(buffer.line(notice.y).hasPrefix("~ 2 more: press Tab"))
        // Too short even for the picture: the answer's line alone.
        let short = PanelLayout(view: tall, area: Rect(x: 0, y: 0, width: 30, height: 6), context: .unicode256)
        #expect(short.placements.map(\.path) == [BlockPath(2)])
    }

    @Test("shrink before leaving out: forms step down (large digit, bars without bars, fewer grid columns) first")
    func shrinksBeforeDropping() {
        let digit = PanelBlock.digit(.blank(), large: true)
        let roomy = PanelLayout(view: PanelView(title: "", blocks: [digit]), area: Rect(x: 0, y: 0, width: 60, height: 30), context: .unicode256)
        #expect(roomy.placements[0].form == .image(.large, label: false))
        let tight = PanelLayout(view: PanelView(title: "", blocks: [digit, .text("caption").essential]),
                                area: Rect(x: 0, y: 0, width: 60, height: 20), context: .unicode256)
        #expect(tight.placements.map(\.form) == [.image(.compact, label: false), .wrapped] && tight.omitted.isEmpty)
        // A grid and bars side by side at 46 columns: the bars lose their bars rather than wrap under the grid.
        let grid = PanelBlock.grid(ActivationGridModel(values: [Float](repeating: 1, count: 128)))
        let bars = PanelBlock.bars(BarChartModel(values: [Float](repeating: 1, count: 10), scale: .signed, title: "logits"))
        let row = PanelLayout(view: PanelView(title: "", blocks: [.row([grid, bars]).essential]),
                              area: Rect(x: 0, y: 0, width: 46, height: 13), context: .unicode256)
        #expect(row.placements.map(\.form) == [.grid(columns: 16), .bars(bars: false)])
        #expect(row.placements[0].rect.y == row.placements[1].rect.y)
        // Given the width, they keep their bars.
        let wide = PanelLayout(view: PanelView(title: "", blocks: [.row([grid, bars])]),
                               area: Rect(x: 0, y: 0, width: 70, height: 13), context: .unicode256)
        #expect(wide.placements.map(\.form) == [.grid(columns: 16), .bars(bars: true)])
    }

    @Test("extra blocks go before useful ones, the last declared first; what fits again comes back")
    func leavesOutExtraThenUseful() {
        let line = { (s: String) in PanelBlock.text(s) }
        let view = PanelView(title: "", blocks: [line("a").essential, line("b"), line("c").extra, line("d"), line("e").extra])
        func shown(_ rows: Int) -> [String] {
            PanelLayout(view: view, area: Rect(x: 0, y: 0, width: 20, height: rows), context: .unicode256).placements.map {
                if case .text(let s) = $0.block.content { s } else { "?" }
            }
        }
        #expect(shown(9) == ["a", "b", "c", "d", "e"])
        #expect(shown(4) == ["a", "b", "c", "d"])  // e goes first: extra, and declared last
        #expect(shown(3) == ["a", "b", "d"])
        #expect(shown(2) == ["a", "b"])
        #expect(shown(1) == ["a"])
    }

    @Test("spare rows: a blank line between blocks, then charts grow; a row wraps when its blocks lack width")
    func spareRowsAndRows() {
        let chart = PanelBlock.chart([SeriesModel(name: "loss", values: [3, 2, 1])], minHeight: 5)
        let layout = PanelLayout(view: PanelView(title: "", blocks: [.text("above"), chart]),
                                 area: Rect(x: 0, y: 0, width: 90, height: 30), context: .unicode256)
        #expect(layout.placements[1].rect.y == 2)  // a blank line after "above"
        #expect(layout.placements[1].rect.height == 28)
        let two = PanelView(title: "", blocks: [.row([chart, chart])])
        let side = PanelLayout(view: two, area: Rect(x: 0, y: 0, width: 60, height: 12), context: .unicode256)
        #expect(side.placements[0].rect.y == side.placements[1].rect.y && side.placements[1].rect.x == 31)
        let stacked = PanelLayout(view: two, area: Rect(x: 0, y: 0, width: 40, height: 12), context: .unicode256)
        #expect(stacked.placements[1].rect.y >= stacked.placements[0].rect.maxY && stacked.placements[1].rect.x == 0)
    }
}
