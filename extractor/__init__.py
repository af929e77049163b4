"""vanban's extractor: readers, normalization and the recognizers."""
__version__ = "0.1.0"
