"""The sync front end: a controller on its own worker, the status-bar indicator and the dialogs."""
