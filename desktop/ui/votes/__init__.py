"""The Owners' votes page (业主表决): votes, their live tally, ballot entry and printing."""
