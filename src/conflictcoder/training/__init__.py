"""Training the event detector (`make train`): examples from the project's own corpus and from
licence-clean public data, a logistic regression fitted on them, a temperature that calibrates
it, and the data card that lists every source.

Nothing here runs when coding: it needs scikit-learn (`pip install -e '.[train]'`).
"""
