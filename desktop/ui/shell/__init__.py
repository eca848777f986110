"""The main window's frame: navigation, menus, status bar, and the pages' registry."""
