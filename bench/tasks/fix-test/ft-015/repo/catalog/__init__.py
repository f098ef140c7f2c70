"""The shop's product catalogue pages: filtering, sorting, pagination."""
