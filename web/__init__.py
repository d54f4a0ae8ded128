"""The web side of Wegwijs on port 8000: the citizen's chat page (/) and the buurtteam worker's inbox (/inbox)."""
