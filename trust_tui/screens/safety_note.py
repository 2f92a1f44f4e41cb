"""The plain safety note shown at setup (and reachable later from home)."""

SAFETY_NOTE = (
    "This app is for couples who want to repair trust together. It is not made for "
    "a relationship with abuse, threats or control. If you feel afraid of your "
    "partner, or pressured to use this, please put it aside and contact your local "
    "emergency number or a domestic-violence helpline in your country instead. "
    "Each of you can take a short private safety check alone, at any time: "
    "ctrl+p, then \"Safety check, alone\" (or Rituals, then a)."
)
