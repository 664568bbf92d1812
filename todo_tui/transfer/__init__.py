"""Import from and export to other task managers (issue 18).

One module per format (taskwarrior.py, todotxt.py, ical.py, todoist.py, dooit.py,
jsonfmt.py), each reading a file into `Record`s and writing `Exported` tasks back;
detect.py recognises a format from the content; store.py writes records into the database
(one transaction, one entry in the history) and reads tasks for an export; cli.py is the
`todo-tui import` and `todo-tui export` commands. Nothing here imports Textual.
"""
