"""The resident roster (居民台账) in the window."""
