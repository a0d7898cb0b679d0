"""PAKN Desktop: receive, classify, route and answer phản ánh, kiến nghị."""

__version__ = "0.1.0"
