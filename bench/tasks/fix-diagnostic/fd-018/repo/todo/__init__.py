"""todo: a plain-text todo list manager."""
