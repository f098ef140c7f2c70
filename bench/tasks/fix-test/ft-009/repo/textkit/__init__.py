"""Terminal text layout that knows wide (CJK) characters take two columns."""
