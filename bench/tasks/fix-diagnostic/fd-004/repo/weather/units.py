"""Unit conversions. Stations report imperial units; summaries are metric."""

from __future__ import annotations


def fahrenheit_to_celsius(fahrenheit: float) -> float:
    return (fahrenheit - 32.0) * 5.0 / 9.0


def celsius_to_fahrenheit(celsius: float) -> float:
    return celsius * 9.0 / 5.0 + 32.0


def inches_to_mm(inches: float) -> float:
    return inches * 25.4


def mph_to_kmh(mph: float) -> float:
    return mph * 1.609344


def round1(value: float) -> float:
    """Round to one decimal, the precision of every summary."""
    return round(value + 0.0, 1)
