"""``python -m botwatch`` runs the command line."""

from botwatch.cli import main

raise SystemExit(main())
