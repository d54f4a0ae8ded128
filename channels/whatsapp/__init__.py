"""WhatsApp (Meta WhatsApp Cloud API) for Wegwijs. In bot/credentials.yml: `channels.whatsapp.WhatsAppInput:`
(see docs/whatsapp.md)."""
from channels.whatsapp.kanaal import WhatsAppInput, WhatsAppOutput

__all__ = ["WhatsAppInput", "WhatsAppOutput"]
