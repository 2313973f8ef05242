"""Commands for this area register on ``groundswell.cli.app``."""
