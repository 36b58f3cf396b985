"""nkkg: turn news about North Korea into a provenance-rich knowledge graph."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = __version__
