"""The document camera in the workstation: live preview, capture, page strip, material pages."""
