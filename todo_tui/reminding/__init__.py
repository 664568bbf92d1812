"""Reminders outside the database: their settings, and the desktop notification escapes."""
