"""Synthetic cohorts with the programme's statistics, for demos, tests and benchmarks.

Everything drawn here is invented (institutions, names, choices); the proportions follow the
programme's recent years: about half assistants sociaux, a quarter éducateurs, 8–10 % VAE,
60–70 % employed in the sector (a few by an institution that proposes a commission), mostly
women, each student ranking about five proposals with a skew towards popular ones.

A cohort is feasible under its settings with high probability: about 2.5 proposals per
commission to select, from mostly distinct institutions, most available on every date;
pairs are disjoint (no together-chains, no pair both apart and together) and nobody is pinned.

The modules, in the order a cohort is drawn: ``programme`` (dates, calendar, shares) and
``names`` (the invented words), ``commissions``, ``students`` (and pairs), ``supervisors``,
``cohort`` (all of it from one seed), ``files`` (writing it), ``shipped`` (instances/).
"""

from matcher.generate.cohort import GENERATOR_VERSION, Cohort, generate_cohort, selection_count
from matcher.generate.commissions import town_of, with_towns
from matcher.generate.files import COHORT_FILES, readme_text, settings_toml, write_cohort
from matcher.generate.names import FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, SECTORS, TOWNS
from matcher.generate.programme import ANY_SLOTS, CALENDAR, REQUIRED_SLOTS, SLOTS
from matcher.generate.shipped import DEMO_COHORT, HISTORICAL_COHORTS, write_shipped_instances
from matcher.generate.supervisors import SUPERVISOR_HEADER, generate_supervisors, supervisor_rows

__all__ = [
    "ANY_SLOTS",
    "CALENDAR",
    "COHORT_FILES",
    "DEMO_COHORT",
    "FIRST_NAMES_F",
    "FIRST_NAMES_M",
    "GENERATOR_VERSION",
    "HISTORICAL_COHORTS",
    "LAST_NAMES",
    "REQUIRED_SLOTS",
    "SECTORS",
    "SLOTS",
    "SUPERVISOR_HEADER",
    "TOWNS",
    "Cohort",
    "generate_cohort",
    "generate_supervisors",
    "readme_text",
    "selection_count",
    "settings_toml",
    "supervisor_rows",
    "town_of",
    "with_towns",
    "write_cohort",
    "write_shipped_instances",
]
