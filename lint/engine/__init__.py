"""The engine: rule registry and loader, configuration, discovery, the run, cache and baseline."""
