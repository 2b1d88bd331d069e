"""Run the frontline benchmark (``make bench``): a thin wrapper over ``frontline bench``.

Default: the 1k-document corpus, 1 and 2 Dask workers, SQLite (and PostgreSQL
when ``FRONTLINE_TEST_PG_URL`` is set), the spaCy baseline; a few minutes on
two cores.  ``--sizes 1000,10000`` adds the growth measurement; ``--full``
adds the 100k corpus (about an hour on two cores).
"""

from __future__ import annotations

import sys

from frontline.cli import app

if __name__ == "__main__":
    sys.exit(app(["bench", *sys.argv[1:]], standalone_mode=True))
