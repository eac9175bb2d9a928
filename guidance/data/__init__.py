"""The data layer: read data/*.yaml and docs/ front matter, validate (models/), cross-check, writing rules."""
