"""Setting up a data folder, without Qt: the first-run answers or the office's bundle. The
window's setup dialog and ``linli setup`` both call ``desktop.setup.service``; the demo mark
(``desktop.storage.marks``) and the checks on a folder before use (``desktop.storage.folders``)
are the persistence layer's, since every way of opening a database needs them."""
