"""The KYC/KYB requirements checklist: rules as data (rules.json), a pure evaluator (rules.py),
texts merchants read (texts.py) and the facts gathered from the database (sources.py)."""
