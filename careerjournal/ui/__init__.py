"""The Textual user interface. Everything Textual lives below this package."""
