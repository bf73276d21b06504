import Testing
@testable import TerminalUI

@Suite struct LayoutTests {
    @Test func fixedRatioAndFill() {
        #expect(Layout.lengths([.fixed(3), .fill(1), .fixed(1)], in: 24) == [3, 20, 1])
        #expect(Layout.lengths([.ratio(1, 2), .fill(1)], in: 81) == [40, 41])
        #expect(Layout.lengths([.fill(1), .fill(2)], in: 10) == [4, 6])  // 3.33 + 6.67: the leftover goes to the first
        #expect(Layout.lengths([.fill(1), .fill(1), .fill(1)], in: 10) == [4, 3, 3])
        #expect(Layout.lengths([.fixed(5), .fixed(5)], in: 10, spacing: 2) == [5, 3])
    }

    @Test func neverExceedsTheSpace() {
        #expect(Layout.lengths([.fixed(30), .fixed(30), .fill(1)], in: 40) == [30, 10, 0])
        #expect(Layout.lengths([.ratio(3, 2)], in: 10) == [10])
        #expect(Layout.lengths([.fixed(-3), .ratio(1, 0)], in: 10) == [0, 0])
        #expect(Layout.lengths([], in: 10) == [])
    }

    @Test func splitsRectsIntoRowsAndColumns() {
        let r = Rect(x: 2, y: 1, width: 80, height: 24)
        #expect(r.rows([.fixed(1), .fill(1), .fixed(1)]) == [
            Rect(x: 2, y: 1, width: 80, height: 1), Rect(x: 2, y: 2, width: 80, height: 22), Rect(x: 2, y: 24, width: 80, height: 1)])
        #expect(r.columns([.fixed(30), .fill(1)], spacing: 2) == [
            Rect(x: 2, y: 1, width: 30, height: 24), Rect(x: 34, y: 1, width: 48, height: 24)])
    }

    @Test func rectGeometry() {
        let r = Rect(x: 0, y: 0, width: 10, height: 5)
        #expect(r.intersection(Rect(x: 8, y: 3, width: 5, height: 5)) == Rect(x: 8, y: 3, width: 2, height: 2))
        #expect(r.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 3))
        #expect(r.inset(by: 4).isEmpty)
        #expect(r.centered(width: 4, height: 1) == Rect(x: 3, y: 2, width: 4, height: 1))
        #expect(r.centered(width: 40, height: 10) == r)
        #expect(r.splitBottom(1).bottom == Rect(x: 0, y: 4, width: 10, height: 1))
        #expect(r.contains(x: 9, y: 4) && !r.contains(x: 10, y: 4) && !r.contains(x: -1, y: 0))
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
    }
}

@Suite struct CellBufferTests {
    @Test func writesClipAtTheEdges() {
        var b = CellBuffer(columns: 6, rows: 2, filling: Cell("."))
        let n = b.write("hello world", x: 3, y: 0)
        #expect(n == 3)
        #expect(b.lines() == ["...hel", "......"])
        b.write("xyz", x: -1, y: 1, clip: Rect(x: 0, y: 1, width: 2, height: 1))
        #expect(b.lines() == ["...hel", "yz...."])
        b.write("out", x: 0, y: 5)  // a row outside: nothing happens
        b.set(-1, 0, Cell("!"))
        b[6, 0] = Cell("!")
        #expect(b.lines() == ["...hel", "yz...."])
    }

    @Test func cellsAreOneColumnWide() {
        #expect(Cell("漢").grapheme == "?")
        #expect(Cell("😀").grapheme == "?")
        #expect(Cell("\u{7}").grapheme == " ")
        #expect(Cell("é").grapheme == "é")
        #expect(Cell("▀").grapheme == "▀")
    }

    @Test func diffReportsOnlyChangedCells() {
        var a = CellBuffer(columns: 120, rows: 40)
        a.write("loss 0.29", x: 0, y: 0)
        var b = a
        #expect(b.changes(since: a).isEmpty)
        b[5, 3] = Cell("▀", style: Style(foreground: .gray(20)))
        b[5, 4] = Cell(" ", style: .reverse)  // same character, new style: still a change
        let changes = b.changes(since: a)
        #expect(changes.map { [$0.x, $0.y] } == [[5, 3], [5, 4]])
        #expect(b.changes(since: nil).count == 120 * 40)
        #expect(b.changes(since: CellBuffer(columns: 80, rows: 24)).count == 120 * 40)  // resized: everything
    }

    @Test func fillClipsToTheBuffer() {
        var b = CellBuffer(columns: 4, rows: 3)
        b.fill(Rect(x: 1, y: 1, width: 10, height: 10), with: Cell("#"))
        #expect(b.lines() == ["    ", " ###", " ###"])
        #expect(b.text == "\n ###\n ###")
    }
}

@Suite struct ColorTests {
    @Test func grayRampUsesTheXterm256Grays() {
        #expect(Color.gray(0).terminalIndex(in: .palette256) == 16)
        #expect(Color.gray(1).terminalIndex(in: .palette256) == 232)
        #expect(Color.gray(24).terminalIndex(in: .palette256) == 255)
        #expect(Color.gray(25).terminalIndex(in: .palette256) == 231)
        #expect(Color.gray(99).terminalIndex(in: .palette256) == 231)
        #expect(Color.gray(byte: 0) == .gray(0) && Color.gray(byte: 255) == .gray(25) && Color.gray(byte: 128) == .gray(13))
        // 26 distinct colours for the 256 byte values.
        #expect(Set((0 ... 255).map { Color.gray(byte: UInt8($0)).terminalIndex(in: .palette256) }).count == 26)
    }

    @Test func degradesToEightColoursAndToNone() {
        #expect(Color.gray(3).terminalIndex(in: .ansi8) == 0)
        #expect(Color.gray(22).terminalIndex(in: .ansi8) == 7)
        #expect(Color.indexed(196).terminalIndex(in: .ansi8) == ANSIColor.red.rawValue)
        #expect(Color.indexed(21).terminalIndex(in: .ansi8) == ANSIColor.blue.rawValue)
        #expect(Color.indexed(9).terminalIndex(in: .ansi8) == 1)
        #expect(Color.ansi(.green).terminalIndex(in: .ansi8) == 2)
        for c in [Color.gray(10), .ansi(.red), .indexed(100)] { #expect(c.terminalIndex(in: .none) == -1) }
        #expect(Color.default.terminalIndex(in: .palette256) == -1)
    }

    @Test func colourModeFollowsTheTerminalNoColorAndTheFlag() {
        #expect(ColorMode.detect(colors: 256, environment: [:], noColorFlag: false) == .palette256)
        #expect(ColorMode.detect(colors: 8, environment: [:], noColorFlag: false) == .ansi8)
        #expect(ColorMode.detect(colors: 0, environment: [:], noColorFlag: false) == .none)
        #expect(ColorMode.detect(colors: 256, environment: ["NO_COLOR": "1"], noColorFlag: false) == .none)
        #expect(ColorMode.detect(colors: 256, environment: ["NO_COLOR": ""], noColorFlag: false) == .palette256)
        #expect(ColorMode.detect(colors: 256, environment: [:], noColorFlag: true) == .none)
    }

    @Test func asciiTransliteration() {
        #expect(Glyphs.asciiTransliteration("a — b “c” → 3×4 … π") == "a - b \"c\" -> 3x4 ... ?")
        #expect(RenderContext.asciiPlain.displayable("←→") == "<-->")
        #expect(RenderContext.unicodePlain.displayable("←→") == "←→")
        #expect(Glyphs.unicode.shade(0) == " " && Glyphs.unicode.shade(1) == "█" && Glyphs.ascii.shade(0.5) == ":")
    }
}

@Suite struct NumberFormatTests {
    @Test func fixedDecimals() {
        #expect(NumberFormat.fixed(0.2901, 4) == "0.2901")
        #expect(NumberFormat.fixed(-0.046, 2) == "-0.05")
        #expect(NumberFormat.fixed(-0.001, 2) == "0.00")
        #expect(NumberFormat.fixed(4, 2, plusSign: true) == "+4.00")
        #expect(NumberFormat.fixed(93.14, 1) == "93.1")
        #expect(NumberFormat.fixed(2.5, 0) == "3")
        #expect(NumberFormat.fixed(.nan, 2) == "nan" && NumberFormat.fixed(-.infinity, 2) == "-inf")
    }

    @Test func durations() {
        #expect(NumberFormat.duration(0.24) == "0.2s")
        #expect(NumberFormat.duration(12.4) == "12s")
        #expect(NumberFormat.duration(125) == "2m05s")
        #expect(NumberFormat.duration(3720) == "1h02m")
        #expect(NumberFormat.duration(-1) == "?")
        #expect(NumberFormat.perStep(0.006) == "6.0ms/step")
        #expect(NumberFormat.perStep(0.0123) == "12ms/step")
    }
}

@Suite struct MarkdownTests {
    @Test func blocks() {
        let md = """
        # Title
        Some text
        continued.

        - item one
          wraps here
        * item two
        ```
        code  line
        ```
        ## Sub
        """
        #expect(Markdown.parse(md) == [
            .heading(level: 1, [.init("Title")]),
            .paragraph([.init("Some text continued.")]),
            .bullet([.init("item one wraps here")]),
            .bullet([.init("item two")]),
            .code(["code  line"]),
            .heading(level: 2, [.init("Sub")]),
        ])
    }

    @Test func inlineSpansAndUnmatchedMarkers() {
        #expect(Markdown.inline("a **b** `c` d") == [.init("a "), .init("b", .bold), .init(" "), .init("c", .code), .init(" d")])
        #expect(Markdown.inline("2 ** 3 and `x") == [.init("2 ** 3 and `x")])
        #expect(Markdown.parse("#hashtag") == [.paragraph([.init("#hashtag")])])
        #expect(Markdown.parse("```\nunclosed") == [.code(["unclosed"])])
    }
}
