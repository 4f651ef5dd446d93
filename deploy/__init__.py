"""Production topology helpers (only `deploy.tracker_store` is Python; the rest is configuration)."""
