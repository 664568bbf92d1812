"""Widgets: they show what they are given and post messages; no database access."""
