"""Front ends behind `contentlint` subcommands other than `check`: init, explain, facts,
the language server, stdin and watch modes. lint/cli.py dispatches to them."""
