"""Gunicorn's own defaults for the quality site: a deployment's gunicorn.conf.py does not apply."""
