"""Marshmallow schemas: the one place where the shape of every request and answer is defined."""
