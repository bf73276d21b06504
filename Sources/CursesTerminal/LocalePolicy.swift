/// The locale decision, kept pure for tests.
public enum LocalePolicy {
    /// The locale the environment asks for: `LC_ALL`, else `LC_CTYPE`, else `LANG` (first non-empty).
    public static func requestedLocale(environment: [String: String]) -> String? {
        ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }

    /// Whether to fall back to `C.UTF-8`: when no locale is named (a bare SSH or container session),
    /// or the named one is a UTF-8 locale that is not installed here. A deliberately non-UTF-8 locale
    /// (e.g. `LANG=C` or `en_US.ISO-8859-1`) is respected, and the tutor draws with ASCII glyphs.
    public static func shouldTryUTF8Fallback(environment: [String: String]) -> Bool {
        guard let name = requestedLocale(environment: environment)?.lowercased() else { return true }
        return name.contains("utf-8") || name.contains("utf8")
    }
}
