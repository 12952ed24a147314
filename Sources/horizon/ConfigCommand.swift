import ArgumentParser

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration and the data directory.",
        discussion: """
            Example:
              horizon config check --config /etc/horizon/feeds.json --data /var/lib/horizon
            """,
        subcommands: [ConfigCheckCommand.self])
}
