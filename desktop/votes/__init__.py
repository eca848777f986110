"""Owners' votes (业主表决): the electorate fixed from the owner register, ballots cast at the
office, on paper or at the door, the exact tally by exclusive area and by head (民法典第278条),
the printed ballots and result notice, and the cost shared by area (第283条)."""
