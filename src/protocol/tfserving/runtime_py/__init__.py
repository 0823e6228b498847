"""tf2openapi's TF Serving client runtime for Python: copied into every generated package."""
