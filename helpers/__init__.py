"""Helpers behind the Informational Interview Workshop notebooks.

Plain functions first (log, workspace, questions, emails, followup, ...), widgets last
(``forms``). Importing this package has no side effects.
"""
__all__ = ["log", "workspace"]
__version__ = "0.1.0"
