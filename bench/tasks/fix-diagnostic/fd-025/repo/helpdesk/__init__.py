"""helpdesk: the support team's ticket tracker."""
