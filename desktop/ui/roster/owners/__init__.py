"""The owner register's windows: a dwelling's "Owners and areas" dialog and the register tab."""
