"""Smoothing and alerting for temperature sensor readings."""
