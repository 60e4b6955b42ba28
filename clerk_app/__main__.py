"""`python -m clerk_app` behaves like the `clerk-app` command."""

from clerk_app.cli.main import main

raise SystemExit(main())
