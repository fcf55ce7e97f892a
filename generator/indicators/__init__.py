"""Performance indicators: the catalogue, their values, the published rating rule, charts and links.

``content/indicators/indicators.yaml`` says what each indicator is and holds the rating rule's
settings; ``content/indicators/values.csv`` holds actuals and targets, a row per indicator and
period, each with the sentence of the plan it comes from. Codes cited in outcome text
("BV 44, 45, 46", "LPSA 2.1") become links to the indicator pages, with backlinks.

Modules: :mod:`.models` (the YAML's models), :mod:`.catalogue` (loading both files),
:mod:`.codes` (finding codes in text), :mod:`.rating` (the rule), :mod:`.citations`
(backlinks, links and warnings), :mod:`.chart` (the SVG), :mod:`.downloads` (CSV and JSON).
"""
