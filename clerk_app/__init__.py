"""clerk_app: the comprehensive-window intake workstation and its back office."""

__version__ = "0.1.0"
