"""pipeline: small record-cleaning pipelines for CSV imports."""
