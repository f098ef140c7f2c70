"""Install order for packages of a plugin system."""
