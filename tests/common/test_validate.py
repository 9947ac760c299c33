"""Values in error messages: plain numbers on one short line, never numpy reprs."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis.extra import numpy as hnp

from twolevel.common.validate import shown


@pytest.mark.parametrize("value, text", [
    ([np.array(0.5), np.array(0.0)], "[0.5, 0]"),
    (np.float64(1.25), "1.25"), (np.int64(3), "3"), (np.array([1.0, np.nan]), "[1, nan]"),
    (np.zeros((40, 40)), "an array of shape (40, 40)"), (1e20, "1e+20"), (True, "True"),
    ("x" * 200, "'" + "x" * 76 + "..."),
])
def test_shown(value, text):
    assert shown(value) == text


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(hnp.floating_dtypes() | hnp.integer_dtypes() | hnp.boolean_dtypes(),
                  hnp.array_shapes(min_dims=0, max_dims=3, max_side=5)))
def test_shown_numpy_values_are_plain(value):
    for v in (value, list(value) if value.ndim else value[()]):
        text = shown(v)
        assert "array(" not in text and "np." not in text and "dtype" not in text
        assert "\n" not in text and len(text) <= 80

