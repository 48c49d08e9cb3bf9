"""The cited multi-source summary of a story, and its headline."""
