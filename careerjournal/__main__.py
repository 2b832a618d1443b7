"""Allow ``python -m careerjournal``."""

from careerjournal.launch import main

raise SystemExit(main())
