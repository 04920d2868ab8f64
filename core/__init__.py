"""The bottom layer every app may import: database tuning, security middleware,
deployment checks, child-process limits and the start-up warm-up."""
