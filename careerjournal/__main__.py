"""Allow ``python -m careerjournal``."""

from careerjournal.cli import main

raise SystemExit(main())
