"""The shell commands that list with a search and edit a task (`todo-tui list QUERY`,
`todo-tui edit`), and how tasks read in a shell. Nothing here imports Textual; args.py,
which cli.py imports at every start, imports nothing but argparse."""
