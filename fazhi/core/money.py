"""Amounts are kept in fen (分) as integers; this is how a person reads them."""


def yuan(fen: int) -> str:
    """2000_00 → "2,000"; 1234_56 → "1,234.56"."""
    whole, cents = divmod(fen, 100)
    return f"{whole:,}" if cents == 0 else f"{whole:,}.{cents:02d}"
