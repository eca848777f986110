"""Widgets shared by several pages: page header, placeholder page, progress dialog, labels,
the lazy table model, the place tree and the form grid."""
