"""`python -m todo_tui`."""

from todo_tui.entry import main

raise SystemExit(main())
