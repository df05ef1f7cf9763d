from releaselint.cli import main

raise SystemExit(main())
