"""The buurtteam worker's inbox at /inbox: login, the queue, the handoff packet, notes, contact attempts, statuses,
replies to the citizen through Rasa, and for coordinators giving a handoff to a colleague or moving it to another
team. Data and rules come from wegwijs.opslag and wegwijs.overdracht."""
from web.inbox.routes import inbox_bp

__all__ = ["inbox_bp"]
