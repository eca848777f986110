"""Campaigns (走访任务): a round of visits with one form over chosen places, shared among
visitors; their doors; copying one for next month and handing a visitor's doors to another."""
