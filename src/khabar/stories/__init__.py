"""Story placement as reports arrive (stable ids), and storylines over stories."""
