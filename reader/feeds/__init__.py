"""Subscriptions and refresh: the network side, on top of sources (fetch, parse) and storage."""
