"""The Qt user interface: the shell (main window, menus, status bar), the task runner, shared
widgets, and one subpackage per feature. Only this package and ``desktop.app`` import Qt."""
