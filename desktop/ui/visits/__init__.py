"""Home visits: door-to-door rounds, survey forms and owners' votes (a page saying what is to
come, until the feature is built)."""
