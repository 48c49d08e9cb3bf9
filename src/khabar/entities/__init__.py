"""Entity resolution: mentions to canonical people, places and organisations."""
