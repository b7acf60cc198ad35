"""Package data: lexicons with provenance headers, read through importlib.resources."""
