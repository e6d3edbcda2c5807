"""Reading a file's bytes as text: strict UTF-8, and a clear refusal of UTF-16 and UTF-32."""

from __future__ import annotations

from .frontmatter import InputError


def wide_encoding(data: bytes) -> str | None:
    """ "UTF-16 (little-endian, with a BOM)" and the like, or None for a byte-oriented file.

    Without a BOM, ASCII text in UTF-16 or UTF-32 is mostly NUL bytes in fixed
    positions, which is also valid UTF-8: read as such, --fix would append
    UTF-8 to a UTF-16 file."""
    for bom, name in (
        (b"\x00\x00\xfe\xff", "UTF-32 (big-endian, with a BOM)"),
        (b"\xff\xfe\x00\x00", "UTF-32 (little-endian, with a BOM)"),
        (b"\xfe\xff", "UTF-16 (big-endian, with a BOM)"),
        (b"\xff\xfe", "UTF-16 (little-endian, with a BOM)"),
    ):
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) * 4 < len(sample):
        return None
    for width, label in ((4, "UTF-32"), (2, "UTF-16")):
        usable = len(sample) - len(sample) % width
        if not usable:
            continue
        units = [sample[i : i + width] for i in range(0, usable, width)]
        for order, where in (("little", "little-endian"), ("big", "big-endian")):
            text_pos = 0 if order == "little" else width - 1
            zero = [j for j in range(width) if j != text_pos]
            if sum(1 for u in units if all(u[j] == 0 for j in zero)) >= len(units) * 0.9:
                return f"{label} ({where}, without a BOM)"
    return None


def decode(data: bytes) -> tuple[str, bool]:
    """Strict UTF-8, with the byte offset of the first bad byte on failure."""
    wide = wide_encoding(data)
    if wide is not None:
        raise InputError(
            f"encoded as {wide}: contentlint reads UTF-8 only; convert the file to UTF-8 "
            "(it is left untouched, also by --fix)"
        )
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(f"not UTF-8 at byte {err.start + (3 if bom else 0)}", line=line) from None
    return text, bom
