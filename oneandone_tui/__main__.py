from oneandone_tui.cli import main

raise SystemExit(main())
