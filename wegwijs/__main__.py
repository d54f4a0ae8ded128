from wegwijs.cli import main

raise SystemExit(main())
