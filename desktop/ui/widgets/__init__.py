"""Widgets shared by several pages: page header, placeholder page, progress dialog, labels."""
