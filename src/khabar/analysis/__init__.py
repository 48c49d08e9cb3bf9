"""Story-level analysis: claims, their comparison, the timeline and coverage."""
