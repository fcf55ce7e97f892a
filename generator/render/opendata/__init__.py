"""Open data: the plan's records as CSV and JSON files, described by a Frictionless Data Package.

Each kind of record (outcomes, themes, contacts, gaps, data tables, …) is a
:class:`~generator.render.opendata.resource.Resource` made from the plan by a provider listed in
:mod:`generator.render.opendata.registry`, the one place a new kind registers its files.
:func:`generator.render.opendata.package.build_data` turns them into files for the docs folder.
"""
