"""Where articles come from: files on disk and feeds on the web."""
