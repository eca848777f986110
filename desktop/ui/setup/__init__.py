"""First-run setup: which community this office is, this computer's name, who is working."""
