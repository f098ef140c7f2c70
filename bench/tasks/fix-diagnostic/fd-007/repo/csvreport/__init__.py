"""csvreport: monthly sales reports for the accounting team."""
