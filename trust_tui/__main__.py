from trust_tui.cli import main

raise SystemExit(main())
