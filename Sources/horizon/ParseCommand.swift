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

            Example:
              horizon parse demo/samples/nhs-england.xml
            """)

    @Argument(help: "The feed document to parse.")
    var file: String

    @Option(help: ArgumentHelp("The document's URL, to resolve relative links.", valueName: "url"))
    var url: String?

    func execute() async throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw CLIFailure.usage("\(file): cannot read the file")
            }
            data = contents
        }
        let feed: ParsedFeed
        do {
            feed = try FeedParser.parse(data, url: url ?? URL(fileURLWithPath: file).absoluteString)
        } catch {
            throw CLIFailure.failed("\(file): \(error.message)")
        }
        print(String(decoding: try HorizonJSON.encoder().encode(feed), as: UTF8.self))
    }
}
