"""What the visits feature stores — campaigns with their visitors and doors, visits, roster
proposals, drafts — and the one rule that reads a door's state from its visits. Below both
``campaigns`` (making them) and ``doors`` (recording at the door), which import it and never
each other's tables."""
