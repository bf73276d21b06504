import Testing
@testable import TerminalUI

/// Renders the fixture `name` in four contexts (256 colours and none, Unicode and ASCII) and compares the text of its rect with the
/// expected lines (`@` marks cells the widget left alone). `noColor` lines default to the coloured ones.
func expectSnapshot(_ name: String, unicode: [String], ascii: [String],
                    unicodeNoColor: [String]? = nil, asciiNoColor: [String]? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let f = widgetFixtures.first { $0.0 == name }!
    let expected: [(RenderContext, [String])] = [
        (.unicode256, unicode), (.unicodePlain, unicodeNoColor ?? unicode),
        (.ascii256, ascii), (.asciiPlain, asciiNoColor ?? ascii),
    ]
    for (context, lines) in expected {
        let got = trimmedLines(render(f.1, area: f.2, context: context), f.2)
        #expect(got == lines, "\(name) in \(context.colorMode), ascii: \(context.glyphs.isASCII)", sourceLocation: sourceLocation)
    }
}

/// The cell at (`x`, `y`) of the fixture `name` rendered in `context`.
func cell(_ name: String, _ x: Int, _ y: Int, _ context: RenderContext) -> Cell {
    let f = widgetFixtures.first { $0.0 == name }!
    return render(f.1, area: f.2, context: context)[f.2.x + x, f.2.y + y]
}

@Suite struct WidgetSnapshotTests {
    @Test func text() {
        expectSnapshot("Text",
            unicode: ["Title@@@@@@@@@@@@@@@", "@@@@@@@@@@@@@@@@@@@@", "Some bold and code.@", "@@@@@@@@@@@@@@@@@@@@",
                      "• one@@@@@@@@@@@@@@@", "• two@@@@@@@@@@@@@@@", "@@@@@@@@@@@@@@@@@@@@", "  let x = 1@@@@@@@@@"],
            ascii: ["Title@@@@@@@@@@@@@@@", "@@@@@@@@@@@@@@@@@@@@", "Some bold and code.@", "@@@@@@@@@@@@@@@@@@@@",
                    "* one@@@@@@@@@@@@@@@", "* two@@@@@@@@@@@@@@@", "@@@@@@@@@@@@@@@@@@@@", "  let x = 1@@@@@@@@@"],
            // Without colour inline code keeps its backticks; the text then needs 9 lines and gets a scroll bar.
            unicodeNoColor: ["Title@@@@@@@@@@@@@@█", "@@@@@@@@@@@@@@@@@@@█", "Some bold and@@@@@@█", "`code`.@@@@@@@@@@@@█",
                             "@@@@@@@@@@@@@@@@@@@█", "• one@@@@@@@@@@@@@@█", "• two@@@@@@@@@@@@@@█", "@@@@@@@@@@@@@@@@@@@│"],
            asciiNoColor: ["Title@@@@@@@@@@@@@@#", "@@@@@@@@@@@@@@@@@@@#", "Some bold and@@@@@@#", "`code`.@@@@@@@@@@@@#",
                           "@@@@@@@@@@@@@@@@@@@#", "* one@@@@@@@@@@@@@@#", "* two@@@@@@@@@@@@@@#", "@@@@@@@@@@@@@@@@@@@|"])
        // Styles that carry meaning: heading 1 bold+underlined, **bold** bold, code cyan with colour.
        #expect(cell("Text", 0, 0, .unicode256).style.attributes == [.bold, .underline])
        #expect(cell("Text", 5, 2, .unicode256).style.attributes == .bold)  // "bold"
        #expect(cell("Text", 0, 2, .unicode256).style.attributes == [])  // "Some"
        #expect(cell("Text", 14, 2, .unicode256).style.foreground == .ansi(.cyan))  // "code"
        #expect(cell("Text", 2, 7, .unicode256).style.foreground == .ansi(.cyan))  // fenced code
    }

    @Test func textScrollsAndWraps() {
        let markdown = "Line one is long enough to wrap.\n\nSecond paragraph here."
        let area = Rect(x: 0, y: 0, width: 12, height: 3)
        let top = render(Text(TextModel(markdown: markdown)), area: area, context: .asciiPlain)
        #expect(trimmedLines(top, area) == ["Line one is#", "long enough|", "to wrap.@@@|"])
        let lineCount = Text.lineCount(TextModel(markdown: markdown), width: 11, context: .asciiPlain)
        #expect(lineCount == 7)  // 3 lines, a blank one, then "Second" / "paragraph" / "here."
        let bottom = render(Text(TextModel(markdown: markdown, scroll: 99)), area: area, context: .asciiPlain)
        #expect(trimmedLines(bottom, area) == ["Second@@@@@|", "paragraph@@|", "here.@@@@@@#"])
    }

    @Test func longCodeLinesContinueIndented() {
        let code = "```\nmodel = tf.keras.models.Sequential([\n  tf.keras.layers.Dense(128, activation='relu'),\n])\n```"
        let area = Rect(x: 0, y: 0, width: 28, height: 6)
        let b = render(Text(TextModel(markdown: code)), area: area, context: .asciiPlain)
        #expect(trimmedLines(b, area) == [
            "  model = tf.keras.models.@@",
            "      Sequential([@@@@@@@@@@",
            "    tf.keras.layers.Dense(@@",
            "        128,@@@@@@@@@@@@@@@@",
            "        activation='relu'),@",
            "  ])@@@@@@@@@@@@@@@@@@@@@@@@"])
        // Every character of the code is still there, in order.
        let joined = Text.layout(code, width: 28, context: .asciiPlain).map { $0.map(\.text).joined() }
        #expect(joined.joined().filter { $0 != " " } == code.split(separator: "\n").dropFirst().dropLast().joined().filter { $0 != " " })
        // A number's decimal point is not a place to break.
        let rate = Text.layout("```\ntf.keras.layers.Dropout(rate)          # rate = 0, then 0.2, then 0.5\n```", width: 28, context: .asciiPlain)
            .map { $0.map(\.text).joined() }
        #expect(!rate.contains { $0.hasSuffix("0.") }, "\(rate)")
        #expect(rate.joined().contains("0.2") && rate.joined().contains("0.5"))
        // Too narrow to continue sensibly: the old ellipsis.
        let narrow = Text.layout(code, width: 12, context: .asciiPlain)
        #expect(narrow[0].map(\.text).joined() == "  model = t~")
    }

    @Test func textSplitsWordsLongerThanTheLine() {
        let area = Rect(x: 0, y: 0, width: 4, height: 3)
        let b = render(Text(TextModel(markdown: "abcdefgh")), area: area, context: .asciiPlain)
        #expect(trimmedLines(b, area) == ["abcd", "efgh", "@@@@"])
        // A long word in several styles: a piece that exactly fills a line moves the rest to the next one.
        let lines = Text.layout("ab **cdef**ghij", width: 4, context: .asciiPlain).map { $0.map(\.text).joined() }
        #expect(lines == ["ab", "cdef", "ghij"])
    }

    @Test func digitImageCompact() {
        expectSnapshot("DigitImage.compact",
            unicode: ["▀▀▀▀▀▀@@", "▀▀▀▀▀▀@@", "seven@@@", "@@@@@@@@"],
            ascii: ["      @@", "      @@", "seven@@@", "@@@@@@@@"],
            unicodeNoColor: [" ▄██░ @@", "  █  ▄@@", "seven@@@", "@@@@@@@@"],
            asciiNoColor: [" :##. @@", "  #  +@@", "seven@@@", "@@@@@@@@"])
        // With 256 colours the gray ramp carries the pixels: foreground = top pixel, background = bottom.
        let c = cell("DigitImage.compact", 1, 0, .unicode256)
        #expect(c.style.foreground == .gray(0) && c.style.background == .gray(13))  // 0 over 128
        let full = cell("DigitImage.compact", 2, 0, .unicode256)
        #expect(full.style.foreground == .gray(25) && full.style.background == .gray(25))
    }

    @Test func digitImageLarge() {
        expectSnapshot("DigitImage.large",
            unicode: ["            @@", "            @@", "            @@", "            @@", "seven@@@@@@@@@", "@@@@@@@@@@@@@@"],
            ascii: ["            @@", "            @@", "            @@", "            @@", "seven@@@@@@@@@", "@@@@@@@@@@@@@@"],
            unicodeNoColor: ["    ████    @@", "  ▒▒████░░  @@", "    ██      @@", "    ██    ▓▓@@", "seven@@@@@@@@@", "@@@@@@@@@@@@@@"],
            asciiNoColor: ["    ####    @@", "  ::####..  @@", "    ##      @@", "    ##    ++@@", "seven@@@@@@@@@", "@@@@@@@@@@@@@@"])
        #expect(cell("DigitImage.large", 2, 1, .unicode256).style.background == .gray(13))
        #expect(cell("DigitImage.large", 3, 1, .unicode256).style.background == .gray(13))
        #expect(cell("DigitImage.large", 10, 3, .ascii256).style.background == .gray(20))  // 200
    }

    @Test func pixelValues() {
        // Two of the region's five columns fit beside the ellipsis that says there are more.
        let lines = ["      1   2@…@@", " 1  128 255@@@@", " 2    0 255@@@@", " 3    0 255@@@@"]
        expectSnapshot("PixelValues", unicode: lines, ascii: lines.map { $0.replacingOccurrences(of: "…", with: "~") })
        #expect(cell("PixelValues", 8, 1, .unicodePlain).style.attributes == [.reverse, .bold])  // highlighted (1,2)
        #expect(cell("PixelValues", 6, 2, .unicodePlain).style.attributes == .dim)  // a zero
        #expect(cell("PixelValues", 6, 1, .unicodePlain).style.attributes == .bold)  // ink
        #expect(cell("PixelValues", 6, 1, .unicode256).style.background == .gray(13))
    }

    @Test func barChartSigned() {
        expectSnapshot("BarChart.signed",
            unicode: ["0@  -2.00@██████│@@@@@@@@@@@@@", "1@  +1.00@@@@@@@│███@@@@@@@@@@", "2@  +4.00@@@@@@@│████████████◀"],
            ascii: ["0@  -2.00@######|@@@@@@@@@@@@@", "1@  +1.00@@@@@@@|###@@@@@@@@@@", "2@  +4.00@@@@@@@|############<"])
        #expect(cell("BarChart.signed", 0, 2, .unicodePlain).style.attributes == .bold)  // the largest is bold
        #expect(cell("BarChart.signed", 0, 1, .unicodePlain).style.attributes == [])
        #expect(cell("BarChart.signed", 20, 2, .unicode256).style.foreground == .ansi(.green))
        #expect(cell("BarChart.signed", 17, 1, .unicode256).style.foreground == .ansi(.blue))
    }

    @Test func barChartProbability() {
        expectSnapshot("BarChart.probability",
            unicode: ["0@  10.0%@█▊@@@@@@@@@@@@@@@@@@", "1@  75.0%@█████████████▌@@@@@◀", "2@  15.0%@██▊@@@@@@@@@@@@@@@@@"],
            ascii: ["0@  10.0%@#-@@@@@@@@@@@@@@@@@@", "1@  75.0%@#############-@@@@@<", "2@  15.0%@##-@@@@@@@@@@@@@@@@@"])
    }

    @Test func barChartWithNaNAndTitle() {
        let area = Rect(x: 0, y: 0, width: 24, height: 3)
        let b = render(BarChart(BarChartModel(values: [.nan, 0.5], scale: .probability, title: "P")), area: area, context: .asciiPlain)
        #expect(trimmedLines(b, area) == ["P@@@@@@@@@@@@@@@@@@@@@@@", "0@    nan@@@@@@@@@@@@@@@", "1@  50.0%@######@@@@@@@<"])
    }

    @Test func activationGrid() {
        expectSnapshot("ActivationGrid",
            unicode: ["· ░░× ██@@@@@@@@@@@@@@@@@@@@@@", "· ▓▓░░× @@@@@@@@@@@@@@@@@@@@@@",
                      "8 units: 3 active,@@@@@@@@@@@@", "1 active (scaled), 2 zero ·,@@"],
            ascii: [". ..x ##@@@@@@@@@@@@@@@@@@@@@@", ". ++..x @@@@@@@@@@@@@@@@@@@@@@",
                    "8 units: 3 active,@@@@@@@@@@@@", "1 active (scaled), 2 zero .,@@"])
        #expect(cell("ActivationGrid", 4, 0, .unicodePlain).style.attributes.contains(.bold))  // dropped
        #expect(cell("ActivationGrid", 4, 0, .unicode256).style.foreground == .ansi(.red))
        #expect(cell("ActivationGrid", 2, 1, .unicodePlain).style.attributes.contains(.underline))  // kept and scaled
        #expect(cell("ActivationGrid", 0, 0, .unicodePlain).style.attributes == .dim)  // zero
    }

    @Test func activationGridFitsNarrowAreas() {
        let model = ActivationGridModel(values: (0 ..< 128).map { Float($0 % 3) })
        #expect(ActivationGrid(model).gridColumns(width: 40) == 16)
        #expect(ActivationGrid(model).gridColumns(width: 20) == 10)
        let area = Rect(x: 0, y: 0, width: 20, height: 4)
        let b = render(ActivationGrid(model), area: area, context: .asciiPlain)
        // 13 grid rows do not fit in 3: the grid is cut and the count line starts under it.
        #expect(trimmedLines(b, area)[3] == "128 units:@@@@@@@@@@")
        #expect(trimmedLines(b, area)[0] == ". ::##. ::##. ::##.")
    }

    @Test func histogram() {
        expectSnapshot("Histogram", unicode: ["@@@@██@@", "@@▄▄██@@", "▃▃████▆▆", "0@@@@255"],
                       ascii: ["@@@@##@@", "@@~~##@@", "--####++", "0@@@@255"])
    }

    @Test func histogramMergesBinsAndKeepsSmallCountsVisible() {
        #expect(Histogram.merged([1, 2, 3, 4, 5], columns: 2) == [6, 9])
        #expect(Histogram.merged([1, 2], columns: 5) == [1, 2])
        let area = Rect(x: 0, y: 0, width: 2, height: 3)
        let b = render(Histogram(HistogramModel(counts: [1, 1000], lower: 0, upper: 1)), area: area, context: .asciiPlain)
        #expect(trimmedLines(b, area) == ["@#", "_#", "0@"])  // no room for both range labels: only the lower
    }

    @Test func sparkline() {
        // The ratatui check: 0...8 over its own range draws every level once (4 and 5 share one).
        expectSnapshot("Sparkline", unicode: ["▁▂▃▄▅▅▆▇█"], ascii: ["_.-~==+*#"])
        let area = Rect(x: 0, y: 0, width: 3, height: 1)
        let latest = render(Sparkline(SeriesModel(name: "x", values: [9, 9, 0, .nan, 1], range: 0 ... 1)), area: area, context: .unicodePlain)
        #expect(latest.line(0, in: area) == "▁@█")  // the latest three values; NaN left blank
    }

    /// Braille dots (2x4 a cell) with Unicode, one glyph a column in ASCII; ticks at round numbers on both axes.
    @Test func lineChart() {
        expectSnapshot("LineChart",
            unicode: ["• loss 0.2500@@@@@@@", "2┤⠑⢄@@@@@@@@@@@@@@@@", "@│@@⠱⡀@@@@@@@@@@@@@@", "1┤@@@⠈⠢⢄⣀@@@@@@@@@@@",
                      "@│@@@@@@@⠉⠑⠒⠤⠤⣀⣀⣀⣀⣀⣀", "@@@@@@2@@@@@@@@@step"],
            ascii: ["* loss 0.2500@@@@@@@", "2+*@@@@@@@@@@@@@@@@@", "@|@@@@|@@@@@@@@@@@@@", "1+@@@@*@@@@@@@@@@@@@",
                    "@|@@@@@@@@@*@@@*@@@*", "@@@@@@2@@@@@@@@@step"])
        #expect(LineChart.resample([1, 3, 5, 7], columns: 2) == [2, 6])
        #expect(LineChart.ticks(0.25, 2.3, count: 2).values == [1, 2])
        #expect(LineChart.ticks(0, 100, count: 5).values == [0, 25, 50, 75, 100])
        #expect(LineChart.ticks(1, 10, count: 4, whole: true).values == [2, 4, 6, 8, 10])
        #expect(LineChart.tickLabel(0.5, step: 0.25, unit: "%") == "0.50%")
    }

    @Test func lineChartHeadlineSaysWhatItIsAtTheSeriesPrecision() {
        let series = SeriesModel(name: "accuracy", values: [50, 75.125], positions: [0.5, 1], xLabel: "epoch", decimals: 2,
                                 unit: "%", latestLabel: "mean of the last 31 batches")
        let area = Rect(x: 0, y: 0, width: 30, height: 8)
        let lines = trimmedLines(render(LineChart([series]), size: Size(columns: 30, rows: 8), area: area, context: .asciiPlain), area)
        #expect(lines[0] == "* accuracy 75.13% (mean of the")
        #expect(lines[1].hasPrefix("last 31 batches)"))
        #expect(lines[7].hasSuffix("epoch"))
    }

    @Test func lineChartTellsSeriesApartWithoutColour() {
        let chart = LineChart([SeriesModel(name: "a", values: [0, 1]), SeriesModel(name: "b", values: [1, 0])], range: 0 ... 1)
        let area = Rect(x: 0, y: 0, width: 30, height: 5)
        let b = render(chart, area: area, context: .asciiPlain)
        #expect(trimmedLines(b, area)[0] == "* a 1.0000   + b 0.0000@@@@@@@")
        #expect(trimmedLines(b, area)[1].hasPrefix("1++@") && trimmedLines(b, area)[1].hasSuffix("@*"))
        #expect(trimmedLines(b, area)[3].hasPrefix("0+*@") && trimmedLines(b, area)[3].hasSuffix("@+"))
    }

    @Test func progressBarFinished() {
        expectSnapshot("ProgressBar", unicode: ["1875/1875 ━━━━━━━━━━━━ 0.2s 0.1ms/step"],
                       ascii: ["1875/1875 ============ 0.2s 0.1ms/step"])
        #expect(cell("ProgressBar", 10, 0, .unicodePlain).style.attributes == .bold)
    }

    @Test func progressBarRunningShowsRateTimeLeftAndMetrics() {
        let model = ProgressModel(completed: 500, total: 1875, elapsed: 2, metrics: [.init("loss", 0.29), .init("acc", 0.91)],
                                  title: "Epoch 1/5")
        let area = Rect(x: 0, y: 0, width: 70, height: 1)
        let b = render(ProgressBar(model), size: Size(columns: 70, rows: 1), area: area, context: .asciiPlain)
        // 70 columns: the last metric is dropped so the bar keeps at least 10 cells.
        #expect(b.line(0, in: area) == "Epoch 1/5  500/1875 ====.............. ETA 5.5s 4.0ms/step loss 0.2900")
        let wide = render(ProgressBar(model), size: Size(columns: 90, rows: 1), area: Rect(x: 0, y: 0, width: 90, height: 1), context: .asciiPlain)
        #expect(wide.line(0) == "Epoch 1/5  500/1875 =======.................... ETA 5.5s 4.0ms/step loss 0.2900 acc 0.9100")
        #expect(model.rate == 250)
        #expect(model.remaining == 5.5)
    }

    /// Empty paper shows a dim dot per cell (compact) or per pixel (large) in every mode, so the canvas is visible before drawing.
    @Test func drawingCanvasCursorAndMapping() {
        let dots = String(repeating: "·", count: 28), periods = String(repeating: ".", count: 28)
        expectSnapshot("DrawingCanvas.compact",
            unicode: Array(repeating: dots, count: 7) + ["··············+·············"] + [dots, dots],
            ascii: Array(repeating: periods, count: 7) + ["..............+............."] + [periods, periods])
        #expect(cell("DrawingCanvas.compact", 14, 7, .unicodePlain).style.attributes == [.reverse, .bold])
        var model = DrawingCanvasModel()
        model.handle(.up)
        let area = Rect(x: 0, y: 0, width: 56, height: 28)
        let large = render(DrawingCanvas(model, form: .large), size: Size(columns: 56, rows: 28), area: area, context: .asciiPlain)
        #expect(large.line(13, in: area).filter { $0 != " " } == String(repeating: ".", count: 14) + "[]" + String(repeating: ".", count: 13))
        #expect(large.line(0, in: area) == String(repeating: ". ", count: 28))
        #expect(large.line(13, in: area).firstIndex(of: "[") == large.line(13, in: area).index(large.line(13, in: area).startIndex, offsetBy: 28))
        // Cells to canvas points.
        #expect(DrawingCanvas.canvasPoint(column: 10, row: 5, origin: (10, 5), form: .large)! == (0.5, 0.5))
        #expect(DrawingCanvas.canvasPoint(column: 65, row: 32, origin: (10, 5), form: .large)! == (27.5, 27.5))
        #expect(DrawingCanvas.canvasPoint(column: 66, row: 5, origin: (10, 5), form: .large) == nil)
        #expect(DrawingCanvas.canvasPoint(column: 9, row: 5, origin: (10, 5), form: .large) == nil)
        #expect(DrawingCanvas.canvasPoint(column: 3, row: 2, origin: (0, 0), form: .compact)! == (3.5, 5.0))
        #expect(DrawingCanvas.canvasPoint(column: 3, row: 14, origin: (0, 0), form: .compact) == nil)
        #expect(DrawingCanvas.form(fitting: Size(columns: 56, rows: 28)) == .large)
        #expect(DrawingCanvas.form(fitting: Size(columns: 55, rows: 28)) == .compact)
        #expect(DrawingCanvas.form(fitting: Size(columns: 27, rows: 28)) == nil)
    }

    @Test func keyBar() {
        expectSnapshot("KeyBar", unicode: ["q quit  ? help  ←→ move"], ascii: ["q quit  ? help  <--> move"])
        #expect(cell("KeyBar", 0, 0, .unicodePlain).style.attributes == .reverse)
        #expect(cell("KeyBar", 2, 0, .unicodePlain).style.attributes == [])
        #expect(cell("KeyBar", 16, 0, .unicodePlain).style.attributes == .reverse)  // ←
    }

    @Test func keyBarDropsTrailingHintsWhenNarrow() {
        let bar = KeyBar(KeyBarModel([KeyHint("q", "quit"), KeyHint("?", "help"), KeyHint("space", "paint")]))
        let area = Rect(x: 0, y: 0, width: 18, height: 1)
        #expect(render(bar, size: Size(columns: 18, rows: 1), area: area, context: .asciiPlain).line(0) == "q quit  ? help ~  ")
        // A hint is shown whole or not at all.
        let exact = Rect(x: 0, y: 0, width: 27, height: 1)
        #expect(render(bar, size: Size(columns: 27, rows: 1), area: exact, context: .asciiPlain).line(0) == "q quit  ? help  space paint")
        let short = Rect(x: 0, y: 0, width: 26, height: 1)
        #expect(render(bar, size: Size(columns: 26, rows: 1), area: short, context: .asciiPlain).text == "q quit  ? help ~")
    }

    @Test func helpOverlay() {
        let box = ["@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@", "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@"]
        expectSnapshot("HelpOverlay",
            unicode: box + ["┌ Help ─────────────────────────────┐@", "│ Keys                              │@",
                            "│   q  quit                         │@", "│                                   │@",
                            "│ Press any key to close this help. │@", "└───────────────────────────────────┘@"] + box,
            ascii: box + ["+ Help -----------------------------+@", "| Keys                              |@",
                          "|   q  quit                         |@", "|                                   |@",
                          "| Press any key to close this help. |@", "+-----------------------------------+@"] + box)
    }

    @Test func helpOverlayTooTallKeepsTheClosingLine() {
        let hints = (1 ... 20).map { KeyHint("k\($0)", "action \($0)") }
        let area = Rect(x: 0, y: 0, width: 40, height: 8)
        let b = render(HelpOverlay(HelpModel(title: "Help", sections: [.init("Keys", hints)])), size: Size(columns: 40, rows: 8),
                       area: area, context: .asciiPlain)
        let lines = trimmedLines(b, area)
        #expect(lines.count == 8)
        #expect(lines[1].contains("Keys") && lines[4].contains("k3"))
        #expect(lines[5].contains("~ (a taller window shows all)"))
        #expect(lines[6].contains("Press any key to close this help."))
        #expect(lines[7].hasPrefix("@+---"))
    }

    @Test func block() {
        expectSnapshot("Block", unicode: ["┌ Panel ─┐", "│        │", "│        │", "└────────┘"],
                       ascii: ["+ Panel -+", "|        |", "|        |", "+--------+"])
        #expect(Block.inner(Rect(x: 2, y: 2, width: 10, height: 4)) == Rect(x: 3, y: 3, width: 8, height: 2))
    }

    @Test("the focused block shows it without colour: heavy (or = and #) border, a ▶ (or >) before its reversed title")
    func focusedBlock() {
        let area = Rect(x: 0, y: 0, width: 12, height: 3)
        let unicode = render(Block(title: "Panel", focused: true), size: Size(columns: 12, rows: 3), area: area, context: .unicodePlain)
        #expect(trimmedLines(unicode, area) == ["┏ ▶ Panel ━┓", "┃          ┃", "┗━━━━━━━━━━┛"])
        #expect(unicode[3, 0].style.attributes.contains(.reverse))
        let ascii = render(Block(title: "Panel", focused: true), size: Size(columns: 12, rows: 3), area: area, context: .asciiPlain)
        #expect(trimmedLines(ascii, area) == ["# > Panel =#", "|          |", "#==========#"])
    }

    @Test func minimumSizeNotice() {
        expectSnapshot("MinimumSizeNotice", unicode: ["", "", "               Need 80x24", "", ""],
                       ascii: ["", "", "               Need 80x24", "", ""])
        let notice = MinimumSizeNotice(required: Size(columns: 80, rows: 24))
        let area = Rect(x: 0, y: 0, width: 79, height: 23)
        let b = render(notice, size: Size(columns: 79, rows: 23), area: area, context: .unicodePlain)
        #expect(b.line(11).trimmingSpaces == "Window is 79x23; please enlarge it to at least 80x24.")
        #expect(b.lines().enumerated().allSatisfy { $0.offset == 11 || $0.element.trimmingSpaces.isEmpty })
        // Behind the notice only quitting, resizing and the clock get through.
        let through: [Event] = [.key(.character("q")), .interrupt(.controlC), .interrupt(.hangUp), .resize(columns: 90, rows: 30), .tick]
        let held: [Event] = [.key(.character("n")), .key(.escape), .key(.enter), .key(.tab), .key(.character("7")),
                             .mouse(MouseEvent(.press, column: 3, row: 3))]
        #expect(through.allSatisfy(MinimumSizeNotice.lets) && !held.contains(where: MinimumSizeNotice.lets))
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

@Suite struct ActivationGridCountTests {
    /// The panel layout sizes a grid by `countRows`; the widget must draw the count line in exactly that many rows.
    @Test(arguments: [8, 12, 20, 60])
    func countRowsMatchWhatIsDrawn(width: Int) {
        let grid = ActivationGrid(ActivationGridModel(values: [0, 1, 2, 4, 0, 3, 0.5, 2],
                                                      states: [.zero, .active, .dropped, .active, .zero, .keptScaled, .active, .dropped],
                                                      preferredColumns: 4))
        let gridRows = 8 / grid.gridColumns(width: width)
        let area = Rect(x: 0, y: 0, width: width, height: gridRows + 6)
        let lines = trimmedLines(render(grid, size: Size(columns: width, rows: area.height), area: area, context: .asciiPlain), area)
        let countLines = lines.dropFirst(gridRows).filter { $0.contains { $0 != "@" && $0 != " " } }  // "@": left alone
        #expect(countLines.count == grid.countRows(.asciiPlain, width: width), "\(lines)")
    }
}
