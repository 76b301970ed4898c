"""``python -m matcher.generate [DIR]``: rewrite the cohorts shipped in DIR (``instances``)."""

import sys
from pathlib import Path

from matcher.generate.shipped import write_shipped_instances

write_shipped_instances(Path(sys.argv[1] if len(sys.argv) > 1 else "instances"))
