"""careerjournal: a private, keyboard-driven terminal journal.

Kept tiny on purpose: ``careerjournal --version`` imports only this module.
"""

__version__ = "0.1.0"
