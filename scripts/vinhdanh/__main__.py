from vinhdanh.cli import main

raise SystemExit(main())
