"""Writes of the negotiation: proposals, compilation, positions, statuses."""
