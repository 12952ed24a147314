import ArgumentParser
import Foundation
import HorizonCore
import HorizonParse

struct ParseCommand: HorizonCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show what the parser makes of one feed document (a file, or - for stdin).",
        discussion: """
            Prints the feed's format, title, problems found while recovering it, and its entries with \
            plain-text titles and summaries, resolved links and dates, as JSON.

            --format neutral prints the neutral shape of ../shared/tools/conformance_check.py (feedparser's \
            key names), honouring the FEEDPARSER_CONFORMANCE_MODE, _URL and _HEADERS variables it sets: in \
            http mode the document is read as a response from that URL with those headers (charset from \
            Content-Type, base from Content-Location, language from Content-Language).

            Examples:
              horizon parse demo/samples/nhs-england.xml
              python3 ../shared/tools/conformance_check.py -- .build/release/horizon parse --format neutral
            """)

    @Argument(help: "The feed document to parse.")
    var file: String

    @Option(help: ArgumentHelp("The document's URL, to resolve relative links.", valueName: "url"))
    var url: String?

    @Option(
        help: ArgumentHelp(
            "The HTTP Content-Type the document was served with (its charset is used).", valueName: "type"))
    var contentType: String?

    @Option(help: "json (Horizon's view) or neutral (feedparser's key names).")
    var format: Format = .json

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, neutral
    }

    func execute() async throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw CLIFailure(kind: .io, message: "\(file): cannot read the file")
            }
            data = contents
        }
        let environment = ProcessInfo.processInfo.environment
        var http: NeutralShape.HTTPContext?
        if format == .neutral, environment["FEEDPARSER_CONFORMANCE_MODE"] == "http" {
            http = NeutralShape.HTTPContext(
                url: environment["FEEDPARSER_CONFORMANCE_URL"] ?? url ?? URL(fileURLWithPath: file).absoluteString,
                headersJSON: environment["FEEDPARSER_CONFORMANCE_HEADERS"])
        }
        let documentURL = http?.base ?? url ?? URL(fileURLWithPath: file).absoluteString
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(
                data, url: documentURL, contentType: contentType ?? http?.headers["content-type"],
                contentLanguage: http?.headers["content-language"], sanitizedHTML: true)
        } catch {
            guard format == .neutral else { throw FeedParseError("\(file): \(error.message)") }
            print(NeutralShape.notAFeed)
            return
        }
        switch format {
        case .json:
            print(String(decoding: try HorizonJSON.encoder().encode(feed), as: UTF8.self))
        case .neutral:
            var shape = NeutralShape.document(feed)
            http?.annotate(&shape)
            let data = try JSONSerialization.data(
                withJSONObject: shape, options: [.sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
