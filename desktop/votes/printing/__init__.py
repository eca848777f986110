"""What an owners' vote prints: the ballots (表决票), the collection sheets (发放回收登记表), the
list of dwellings not yet voted, the result notice (表决结果公告), the per-dwelling statistics
table (表决结果统计表) and the cost-share table (费用分摊表)."""
