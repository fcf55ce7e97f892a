"""Quarterly returns: workbooks sent to directorates, and what comes back imported into content.

``bvpp returns template`` writes a return for one period (:mod:`.template`), from rows worked out
from the plan (:mod:`.rows`) in the layout of :mod:`.layout`. ``bvpp returns import`` reads it back
(:mod:`.read`), checks every cell (:mod:`.check`) and, only when all passed, writes the figures and
status updates into the content in the project's own format (:mod:`.content`). Nothing here prints
or exits: problems are values, as everywhere in the generator.
"""
