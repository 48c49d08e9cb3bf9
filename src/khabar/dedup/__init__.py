"""Exact and near-duplicate detection (MinHash + LSH)."""
