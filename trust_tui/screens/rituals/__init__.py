"""Rituals: the list, one ritual run step by step (its step view and notes), and
a step's floor (the shared floor view)."""

from trust_tui.screens.rituals.floor_step import RitualTalkScreen
from trust_tui.screens.rituals.listing import RitualsScreen
from trust_tui.screens.rituals.run import RitualRunScreen

__all__ = ["RitualRunScreen", "RitualTalkScreen", "RitualsScreen"]
