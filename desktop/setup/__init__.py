"""Setting up a data folder, without Qt: the first-run answers or the office's bundle, and the
mark that tells a demo database from a real one. The window's setup dialog and ``linli setup``
both call ``desktop.setup.service``; ``desktop.storage.folders`` checks a folder before use."""
