/// Reads one lesson file. The format (documented for authors in `Lessons/README.md`):
///
///     ---
///     id: dropout                      required; lower-case letters, digits, '-'; = file name after "NN-"
///     title: Dropout — switching units off          required
///     panel: dropout                   required; a name in PanelRegistry
///     options: rate=0.2, mode=training optional; names from the panel's `options`, values as LessonOption says
///     keys: + rate_up, - rate_down     required; "key action" pairs binding every one of the panel's `Action`s
///     question: About how many ...?    required
///     answer: number, live=dropped_count, tolerance=5, close=12     required; see AnswerSpec
///     reason: one mask varies by about ±4.5 around 25.6      required for number answers: why that tolerance
///     explain: {{digit}} has {{active_count}} active units   optional: shown with the verdict
///     part: Going further              optional: starts (or continues) a part of the course; see LessonPart
///     ---
///     Markdown text with at least one ```python block, then
///     ## Try this
///     - prompts that mention every key in backquotes, e.g. Press `+` ...
///
/// The text, the question, the prompts and `explain:` may embed the panel's live values as
/// `{{name}}` (see `Placeholder`); a name the panel does not have is an error. Every check of a name is
/// against the declarations of the panel the lesson names (`LessonPanel`, through `PanelEntry`).
///
/// Strict on purpose: every problem is an error naming the file and line, never a silent default.
public enum LessonParser {
    static let knownKeys = ["id", "title", "panel", "options", "keys", "question", "answer", "reason", "explain", "part"]
    static let requiredKeys = ["id", "title", "panel", "keys", "question", "answer"]

    /// Parses `text`, the contents of the lesson file at `file` (whose name gives number and id).
    public static func parse(_ text: String, file: String) throws(LessonError) -> Lesson {
        let (number, fileId) = try numberAndId(file: file)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        func fail(_ kind: LessonError.Kind, _ line: Int?, _ message: String) -> LessonError {
            LessonError(kind, file: file, line: line, message)
        }

        guard lines.first?.trimmingSpaces == "---" else {
            throw fail(.missingFrontMatter, 1, "a lesson starts with front matter: a line '---', then 'key: value' lines, then '---'")
        }
        // Find the closing line first: a forgotten '---' then reads as that, not as a bad line of prose.
        guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingSpaces == "---" }) else {
            throw fail(.unterminatedFrontMatter, 1, "the front matter opened here is never closed: add a line '---' after the last 'key: value' line")
        }
        var fields: [String: (value: String, line: Int)] = [:]
        for i in 1 ..< closing {
            let line = lines[i]
            if line.trimmingSpaces.isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw fail(.malformedLine, i + 1, "expected 'key: value' in the front matter, found '\(line)'")
            }
            let key = line[..<colon].trimmingSpaces
            let value = line[line.index(after: colon)...].trimmingSpaces
            guard knownKeys.contains(key) else {
                throw fail(.unknownKey, i + 1, "unknown key '\(key)' (known keys: \(knownKeys.joined(separator: ", ")))")
            }
            if let first = fields[key] {
                throw fail(.duplicateKey, i + 1, "'\(key)' is given twice (first on line \(first.line))")
            }
            guard !value.isEmpty else { throw fail(.emptyValue, i + 1, "'\(key):' has no value") }
            fields[key] = (value, i + 1)
        }
        for key in requiredKeys where fields[key] == nil {
            throw fail(.missingKey, 1, "the front matter has no '\(key):' line; every lesson needs \(requiredKeys.joined(separator: ", "))")
        }
        func field(_ key: String) -> (value: String, line: Int) { fields[key]! }

        let id = field("id")
        guard isValidId(id.value) else {
            throw fail(.badId, id.line, "id '\(id.value)' must be lower-case letters, digits and '-', starting with a letter")
        }
        guard id.value == fileId else {
            throw fail(.idMismatch, id.line, "id '\(id.value)' does not match the file name's '\(fileId)'; rename the file or change the id")
        }
        let panelField = field("panel")
        guard let panel = PanelRegistry.entry(named: panelField.value) else {
            let names = PanelRegistry.all.map(\.name).joined(separator: ", ")
            throw fail(.unknownPanel, panelField.line, "unknown panel '\(panelField.value)' (panels: \(names))")
        }
        let options = try fields["options"].map { (value, line) throws(LessonError) in
            try parseOptions(value, panel: panel, file: file, line: line)
        } ?? LessonOptions()
        let keysField = field("keys")
        let keys = try parseKeys(keysField.value, panel: panel, file: file, line: keysField.line)
        let answerField = field("answer")
        let answer = try parseAnswer(answerField.value, panel: panel, file: file, line: answerField.line)

        if case .number = answer, fields["reason"] == nil {
            throw fail(.missingKey, answerField.line,
                       "a number answer needs a 'reason:' line saying why its tolerance is what it is (e.g. 'reason: a count by eye is good to a few percent')")
        }

        if let part = fields["part"] {
            guard part.value.count <= LessonPart.maximumNameLength, !part.value.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true }) else {
                throw fail(.badPart, part.line, "a part's name is at most \(LessonPart.maximumNameLength) characters of plain text (it shares the header line with the title); found '\(part.value)'")
            }
        }

        let bodyLines = Array(lines[(closing + 1)...])
        let body = try LessonBody(lines: bodyLines, firstLine: closing + 2, file: file)
        for binding in keys where !body.tryThis.contains(where: { $0.contains("`\(binding.key)`") }) {
            throw fail(.keyNotExplained, keysField.line,
                       "key `\(binding.key)` (\(binding.action)) is not mentioned in '## Try this'; add a prompt that uses it, written as `\(binding.key)`")
        }
        // Placeholders: every name must be one the panel fills in.
        var placed: [(text: String, line: Int)] = [(bodyLines.joined(separator: "\n"), closing + 2)]
        for key in ["question", "explain", "reason"] { if let f = fields[key] { placed.append((f.value, f.line)) } }
        for (text, firstLine) in placed {
            for use in Placeholder.names(in: text) where !panel.placeholders.contains(use.name) {
                throw fail(.unknownPlaceholder, firstLine + use.line,
                           "'{{\(use.name)}}' is not a live value of panel '\(panel.name)' (it has: \(panel.placeholders.joined(separator: ", ")))")
            }
        }
        return Lesson(number: number, id: id.value, title: field("title").value, panel: panel, options: options, keys: keys,
                      kerasLines: body.kerasLines, body: body.text, tryThis: body.tryThis,
                      question: field("question").value, answer: answer, reason: fields["reason"]?.value,
                      explain: fields["explain"]?.value, file: file, part: fields["part"]?.value)
    }

    /// `.../08-dropout.md` -> (8, "dropout").
    static func numberAndId(file: String) throws(LessonError) -> (Int, String) {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        if let dash = stem.firstIndex(of: "-"), stem[..<dash].allSatisfy({ ("0" ... "9").contains($0) }),
           let number = Int(stem[..<dash]), number >= 1 {
            let id = String(stem[stem.index(after: dash)...])
            if !id.isEmpty { return (number, id) }
        }
        throw LessonError(.badFileName, file: file, line: nil,
                          "a lesson file is named NN-id.md, its number, a dash and its id (e.g. 13-convolutions.md)")
    }

    static func isValidId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a" ... "z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a" ... "z").contains($0) || ("0" ... "9").contains($0) || $0 == "-" }
    }

    /// `rate=0.2, mode=training` -> options, checked against what `panel` accepts.
    static func parseOptions(_ text: String, panel: PanelEntry, file: String, line: Int) throws(LessonError) -> LessonOptions {
        var values: [LessonOption: LessonOptionValue] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw LessonError(.malformedOptions, file: file, line: line,
                                  "options are 'name=value' pairs separated by commas (e.g. rate=0.2, seed=1); found '\(item.trimmingSpaces)'")
            }
            let allowed = panel.options.map(\.rawValue)
            guard let option = LessonOption(rawValue: pair[0]), panel.options.contains(option) else {
                throw LessonError(.unknownOption, file: file, line: line,
                                  "panel '\(panel.name)' has no option '\(pair[0])' (its options: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", ")))")
            }
            guard values[option] == nil else {
                throw LessonError(.malformedOptions, file: file, line: line, "option '\(pair[0])' is given twice")
            }
            switch option.parse(pair[1]) {
            case .success(let value): values[option] = value
            case .failure(let problem): throw LessonError(.badOptionValue, file: file, line: line, problem.message)
            }
        }
        return LessonOptions(values)
    }

    /// `+ rate_up, - rate_down, space new_mask` -> bindings; every action of `panel` needs a key.
    static func parseKeys(_ text: String, panel: PanelEntry, file: String, line: Int) throws(LessonError) -> [KeyBinding] {
        func fail(_ message: String) -> LessonError { LessonError(.badKeys, file: file, line: line, message) }
        var bindings: [KeyBinding] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let words = item.split(separator: " ").map(String.init)
            guard words.count == 2 else {
                throw fail("keys are 'key action' pairs separated by commas (e.g. + rate_up, space new_mask); found '\(item.trimmingSpaces)'")
            }
            let (key, action) = (words[0], words[1])
            guard KeyBinding.isValidKey(key) else {
                throw fail("'\(key)' is not a key: use one visible character or one of \(KeyBinding.namedKeys.sorted().joined(separator: ", "))")
            }
            guard !KeyBinding.reservedKeys.contains(key) else {
                throw fail("key '\(key)' is reserved for the tutor on every screen (\(KeyBinding.reservedKeys.sorted().joined(separator: " "))); choose another")
            }
            guard panel.actions.contains(action) else {
                throw fail("panel '\(panel.name)' has no action '\(action)' (its actions: \(panel.actions.joined(separator: ", ")))")
            }
            guard !bindings.contains(where: { $0.key == key }) else { throw fail("key '\(key)' is bound twice") }
            bindings.append(KeyBinding(key: key, action: action))
        }
        for action in panel.actions where !bindings.contains(where: { $0.action == action }) {
            throw fail("panel '\(panel.name)' action '\(action)' has no key; bind one so the learner can use it")
        }
        return bindings
    }

    /// `number, live=NAME, tolerance=T[, close=C]` or `choice, options=a|b, correct=a` / `live=NAME`.
    static func parseAnswer(_ text: String, panel: PanelEntry, file: String, line: Int) throws(LessonError) -> AnswerSpec {
        func fail(_ message: String) -> LessonError { LessonError(.badAnswer, file: file, line: line, message) }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        var settings: [String: String] = [:]
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard pair.count == 2, !pair[1].isEmpty, settings[pair[0]] == nil else {
                throw fail("expected 'name=value' after the answer kind, each name once; found '\(part)'")
            }
            settings[pair[0]] = pair[1]
        }
        func checkLive(_ name: String) throws(LessonError) -> String {
            guard panel.liveValues.contains(name) else {
                throw fail("panel '\(panel.name)' has no live value '\(name)' (its live values: \(panel.liveValues.joined(separator: ", ")))")
            }
            return name
        }
        switch parts[0] {
        case "number":
            let keys = Set(settings.keys)
            guard keys == ["live", "tolerance"] || keys == ["live", "tolerance", "close"] else {
                throw fail("a number answer is 'number, live=NAME, tolerance=T' or 'number, live=NAME, tolerance=T, close=C' (T and C like 5 or 3%); found '\(text)'")
            }
            let live = try checkLive(settings["live"]!)
            func tolerance(_ name: String) throws(LessonError) -> AnswerSpec.Tolerance {
                var t = settings[name]!
                let relative = t.hasSuffix("%")
                if relative { t.removeLast() }
                guard let value = Double(t), value.isFinite, value >= 0 else {
                    throw fail("\(name) '\(settings[name]!)' must be a number of 0 or more, or a percentage like 3%")
                }
                return relative ? .relative(percent: value) : .absolute(value)
            }
            let right = try tolerance("tolerance")
            let close = try settings["close"] == nil ? nil : tolerance("close")
            if let close, !close.isWider(than: right) {
                throw fail("close=\(settings["close"]!) must be wider than tolerance=\(settings["tolerance"]!) (same kind: both absolute or both in %)")
            }
            return .number(live: live, tolerance: right, close: close)
        case "choice":
            let deciders = ["correct", "live", "sign"].filter { settings[$0] != nil }
            guard let list = settings["options"], settings.count == 2, deciders.count == 1 else {
                throw fail("a choice answer is 'choice, options=A|B|C, correct=B', 'choice, options=0|0.2, live=NAME' or 'choice, options=up|down|neither, sign=NAME'; found '\(text)'")
            }
            let options = list.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            guard (2 ... 6).contains(options.count), !options.contains(""), Set(options).count == options.count else {
                throw fail("choice options must be 2 to 6 different, non-empty texts separated by |; found '\(list)'")
            }
            if let correct = settings["correct"] {
                guard let index = options.firstIndex(of: correct) else {
                    throw fail("correct=\(correct) is not one of the options (\(options.joined(separator: " | ")))")
                }
                return .choice(options: options, correct: .option(index))
            }
            if let sign = settings["sign"] {
                guard options.count <= 3 else {
                    throw fail("a choice decided by a sign has 2 or 3 options: for a value above 0, below 0, and (optional) exactly 0; found '\(list)'")
                }
                return .choice(options: options, correct: .sign(try checkLive(sign)))
            }
            guard options.allSatisfy({ Double($0) != nil }) else {
                throw fail("a choice decided by a live value needs numeric options (e.g. 0|0.2|0.5); found '\(list)'")
            }
            return .choice(options: options, correct: .live(try checkLive(settings["live"]!)))
        case "pair":
            guard settings.count == 2, let table = settings["table"], let closeText = settings["close"] else {
                throw fail("a pair answer is 'pair, table=NAME, close=N' (N: how many of the largest cells count as close); found '\(text)'")
            }
            guard panel.liveTables.contains(table) else {
                let tables = panel.liveTables
                throw fail("panel '\(panel.name)' has no live table '\(table)' (its tables: \(tables.isEmpty ? "none" : tables.joined(separator: ", ")))")
            }
            guard let close = Int(closeText), close >= 1 else {
                throw fail("close=\(closeText) must be a whole number of 1 or more (1: only the right cell is close)")
            }
            return .pair(table: table, close: close)
        default:
            throw fail("the answer kind must be 'number', 'choice' or 'pair'; found '\(parts[0])'")
        }
    }
}
