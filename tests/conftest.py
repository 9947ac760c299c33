"""Hypothesis profiles, chosen by the environment variable TWOLEVEL_HYPOTHESIS_PROFILE:

- ``ci`` (the default, and what ``.ci/run`` uses): derandomized, so that the same code draws the
  same examples and a green run means the same thing twice; no example database.
- ``explore``: fresh random examples on every run, failures kept in the example database
  (``.hypothesis/``) and replayed first next time; for hunting new counterexamples (found ones are
  then pinned with ``@example``).
"""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("TWOLEVEL_HYPOTHESIS_PROFILE", "ci"))
