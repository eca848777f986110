"""Settings: the form, shown as a page of the main window and as the File ▸ Settings… dialog."""
