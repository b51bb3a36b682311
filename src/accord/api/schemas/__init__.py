"""Response schemas of the JSON API, one module per area.

Multilingual fields are `{language code: text}` objects; dates of stated
precision are `FuzzyDate` objects. Schemas only shape data: what a reader may
see is decided before they run, by the rules and selectors.
"""
