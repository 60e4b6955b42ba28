"""Device views: each device runs on its own worker thread and talks to the UI by signals."""
