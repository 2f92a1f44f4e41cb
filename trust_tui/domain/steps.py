"""The eight steps of the method, in the app's own words: (number, title, hint)."""

STEPS: tuple[tuple[int, str, str], ...] = (
    (1, "Name what broke the trust",
     "Say plainly what happened and what it did, and answer questions directly."),
    (2, "Feel it, say it",
     "One word for a feeling, said as 'I feel...'. Pause whenever it gets too much."),
    (3, "Agree what each of you needs",
     "Concrete wording you both confirm, looked at again in a week or two."),
    (4, "Keep to it, even in small things",
     "Note what was kept and what slipped; doubt at first is expected."),
    (5, "Honest about the small stuff, daily",
     "Share everyday details and own small slips at once (the honesty log, h)."),
    (6, "Own it, without excuses",
     "'I hurt you' rather than 'sorry you feel that way'; ask what would help."),
    (7, "Re-learn your boundaries",
     "Ask rather than assume; be specific; check back as trust grows."),
    (8, "Notice the small wins",
     "Moments that felt easier, thank-yous, little goals reached. Setbacks are normal."),
)
