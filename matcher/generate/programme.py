"""The programme's facts a synthetic cohort follows: its dates (used as slot names) and
calendar, the shares of a cohort (backgrounds, VAE, employment, gender), and how choices and
proposals spread."""

from __future__ import annotations

from matcher.schemas import CalendarSettings

#: The programme's fixed dates (2026–2027), used as slot names.
SLOTS = (
    "presentation-2026-10-01",
    "visit-2026-11-19",
    "feedback-2027-03-11",
    "oral-2027-05-20",
    "oral-2027-05-21",
)
REQUIRED_SLOTS = SLOTS[:3]
ANY_SLOTS = (SLOTS[3:],)

#: Initial trainings and their share of a cohort.
BACKGROUNDS = (
    ("assistant social", 0.50),
    ("éducateur", 0.25),
    ("GRH", 0.07),
    ("infirmier communautaire", 0.07),
    ("assistant en psychologie", 0.06),
    ("coopération internationale", 0.05),
)
VAE_SHARE = 0.09
EMPLOYED_SHARE = 0.65
#: Share of employed students working for an institution that proposes a commission.
CONFLICT_SHARE = 0.06
FEMALE_SHARE = 0.8
NO_CHOICE_SHARE = 0.03
#: Popularity of the proposal of relative rank r (0 ≤ r < 1): (1 + SCALE·r) ** -EXPONENT.
POPULARITY_SCALE = 25.0
POPULARITY_EXPONENT = 0.6
#: Share of proposals missing one of the programme's dates.
MISSING_SLOT_SHARE = 0.2
#: Share of proposals coming from an institution that already proposes another one.
SECOND_PROPOSAL_SHARE = 0.08

#: The calendar of the generated cohorts: their slot labels carry the dates.
CALENDAR = CalendarSettings(
    visit_slot=SLOTS[1],
    oral_slots=SLOTS[3:],
    dates={slot: slot.split("-", 1)[1] for slot in (SLOTS[1], *SLOTS[3:])},
)
