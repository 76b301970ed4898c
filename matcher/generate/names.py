"""The words a synthetic cohort is made of: sectors, kinds of problem, topics, towns, the
patterns of institutions' names, and people's first and last names (drawn by
:func:`person_name`)."""

from __future__ import annotations

import numpy as np

SECTORS = (
    "aide à la jeunesse",
    "CPAS / aide sociale",
    "handicap",
    "alphabétisation",
    "assuétudes",
    "santé mentale",
    "logement",
    "insertion socioprofessionnelle",
    "migrations",
    "personnes âgées",
    "petite enfance",
    "sans-abrisme",
)
PROBLEM_TYPES = (
    "évaluation",
    "étude de faisabilité",
    "diagnostic",
    "plan de communication",
    "recherche-action",
    "accompagnement du changement",
    "analyse des besoins",
    "projet de service",
)
TOPICS = (
    "l'accueil des nouveaux bénéficiaires",
    "le travail en réseau avec les partenaires locaux",
    "la participation des usagers",
    "le dispositif d'accompagnement à domicile",
    "les permanences sociales décentralisées",
    "le projet d'habitat solidaire",
    "la communication vers les familles",
    "le soutien aux travailleurs de première ligne",
    "l'orientation des jeunes en décrochage",
    "le partenariat avec les écoles du quartier",
    "la réduction des risques en milieu festif",
    "l'accès aux droits des personnes migrantes",
)
TOWNS = (
    "Namur", "Liège", "Charleroi", "Mons", "Tournai", "Arlon", "Dinant", "Wavre", "Nivelles",
    "Huy", "Verviers", "Ciney", "Gembloux", "Andenne", "Ottignies", "Louvain-la-Neuve",
    "Marche-en-Famenne", "Bastogne", "Philippeville", "Mouscron", "La Louvière", "Jambes",
    "Seraing", "Herstal", "Schaerbeek", "Anderlecht", "Ixelles", "Molenbeek", "Forest", "Soignies",
)  # fmt: skip
NAMES = (
    "Le Cercle", "Horizon", "La Passerelle", "Le Relais", "L'Étape", "Trait d'Union",
    "Le Phare", "La Boussole", "Arc-en-ciel", "Le Pont", "Les Tournesols", "L'Escale",
    "La Ruche", "Point Virgule", "Le Tremplin", "La Clé", "Entre-Deux", "Les Hirondelles",
    "Solidarité Nouvelle", "Le Fil", "La Maison Ouverte", "Babel", "Le Répit", "L'Envol",
)  # fmt: skip
#: Institution kinds: (name pattern, sector or None for any). {town} / {name} are filled in.
INSTITUTION_KINDS = (
    ("CPAS de {town}", "CPAS / aide sociale"),
    ("AMO {name} ({town})", "aide à la jeunesse"),
    ("SAJ de {town}", "aide à la jeunesse"),
    ("ASBL {name} ({town})", None),
    ("Ligue {name} ({town})", None),
    ("Réseau assuétudes {name} ({town})", "assuétudes"),
    ("Maison médicale {name} ({town})", "santé mentale"),
    ("Agence immobilière sociale de {town}", "logement"),
    ("Lire et Écrire {town}", "alphabétisation"),
    ("CISP {name} ({town})", "insertion socioprofessionnelle"),
    ("Service d'aide aux migrants {name} ({town})", "migrations"),
    ("Maison de repos {name} ({town})", "personnes âgées"),
)
FIRST_NAMES_F = (
    "Amélie", "Sarah", "Julie", "Camille", "Laura", "Marie", "Charlotte", "Manon", "Léa",
    "Emma", "Chloé", "Inès", "Fatima", "Yasmina", "Aïcha", "Sophie", "Élise", "Nathalie",
    "Céline", "Pauline", "Noémie", "Justine", "Mélanie", "Zoé", "Hélène", "Lucie",
)  # fmt: skip
FIRST_NAMES_M = (
    "Thomas", "Nicolas", "Maxime", "Julien", "Antoine", "Mehdi", "Karim", "Lucas", "Hugo",
    "Jérôme", "François", "Olivier", "Youssef", "Samuel", "Benoît", "Arnaud",
)  # fmt: skip
LAST_NAMES = (
    "Dubois", "Lambert", "Dupont", "Martin", "Peeters", "Leclercq", "Lejeune", "Renard",
    "Laurent", "Simon", "Mertens", "Claes", "Willems", "Hermans", "Goossens", "Collignon",
    "Delvaux", "Denis", "Lemaire", "Moreau", "Fontaine", "El Amrani", "Benali", "Nguyen",
    "Kabongo", "Mukendi", "Rossi", "Ferreira", "Yilmaz", "Wauters", "Gérard", "Michaux",
)  # fmt: skip


def person_name(rng: np.random.Generator, female: bool) -> str:
    """An invented "First Last" name: a first name of the gender, then a last name."""
    first_names = FIRST_NAMES_F if female else FIRST_NAMES_M
    first = first_names[rng.integers(len(first_names))]
    return f"{first} {LAST_NAMES[rng.integers(len(LAST_NAMES))]}"
