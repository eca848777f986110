"""Qt-free foundations shared by every feature: paths, settings, i18n, errors, tasks."""
