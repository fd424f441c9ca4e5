"""Notes and key facts out to Markdown files."""
