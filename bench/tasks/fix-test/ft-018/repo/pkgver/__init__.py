"""Semantic versions and version constraints for the plugin manager."""
