"""Check kinds whose work the engine itself does; rules still configure them as data.

`input` reports files that cannot be read, decoded or parsed. `unused-suppression`
reports directives that hid nothing, which only the engine can know.
"""

from ..model.check_kind import CheckKind

INPUT = CheckKind(name="input", options={}, scope="engine")
UNUSED_SUPPRESSION = CheckKind(name="unused-suppression", options={}, scope="engine")
