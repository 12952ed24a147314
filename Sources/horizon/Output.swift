import Foundation
import HorizonSearch

/// What commands print: errors and warnings on stderr, tables fitted to the terminal.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// A search index that could not be written: the next search rebuilds it.
    static func indexWarning(_ problem: String) {
        warning("the search index was not updated (\(problem)); the next search rebuilds it")
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Silent on success: when asked, or when output goes somewhere other than a terminal (cron).
    static func quiet(_ requested: Bool) -> Bool { requested || !isTerminal }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Text on one line: line breaks and tabs become spaces.
    static func oneLine(_ text: String) -> String { HorizonSearch.oneLine(text) }

    /// An aligned table; the last column takes what is left of the terminal's width (never cut off a terminal).
    static func table(_ headers: [String], _ rows: [[String]], caps: [Int]? = nil) {
        var widths = headers.indices.map { column in
            min(caps?[column] ?? 40, max(headers[column].count, rows.map { $0[column].count }.max() ?? 0))
        }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        widths[widths.count - 1] = width.map { max(20, $0 - fixed) } ?? Int.max
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let columnWidth = widths[column]
                let text = cell.count > columnWidth ? String(cell.prefix(columnWidth - 1)) + "…" : cell
                return column == cells.count - 1
                    ? text : text.padding(toLength: columnWidth, withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(headers))
        for row in rows { print(line(row)) }
    }

    /// The terminal's width; nil when output is not a terminal (lines are then never cut).
    static var width: Int? {
        guard isTerminal else { return nil }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}
