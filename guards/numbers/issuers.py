"""Payment card issuers: IIN (BIN) prefix ranges and card lengths. Data only, no logic.

Sources: ISO/IEC 7812 issuer tables as published by the networks (Visa, Mastercard incl. the
2-series opened in 2017, American Express, Discover incl. its UnionPay and RuPay acceptance
ranges, JCB, Diners Club International, UnionPay, Maestro) and the Cartes Bancaires
domestic ranges, which sit inside Visa's and Mastercard's. A prefix range is
``(first, last)`` as strings of equal length; a card matches when its leading digits fall in
the range, lexically.
"""

from __future__ import annotations

__all__ = ["ISSUERS", "Issuer"]

Issuer = tuple[str, tuple[tuple[str, str], ...], tuple[int, ...]]

#: ``(name, prefix ranges, lengths)``, most specific first: the first match names the card.
ISSUERS: tuple[Issuer, ...] = (
    (
        "maestro",
        (
            ("5018", "5018"),
            ("5020", "5020"),
            ("5038", "5038"),
            ("5893", "5893"),
            ("6304", "6304"),
            ("6703", "6703"),  # Bancontact, Belgium's debit cards
            ("6759", "6759"),
            ("6761", "6763"),
        ),
        (12, 13, 14, 15, 16, 17, 18, 19),
    ),
    ("cartes_bancaires", (("4035", "4035"), ("4360", "4360"), ("497", "497")), (16,)),
    ("american_express", (("34", "34"), ("37", "37")), (15,)),
    ("jcb", (("3528", "3589"),), (16, 17, 18, 19)),
    (
        "diners_club",
        (("300", "305"), ("3095", "3095"), ("36", "36"), ("38", "39")),
        (14, 15, 16, 17, 18, 19),
    ),
    (
        "discover",
        (("6011", "6011"), ("622126", "622925"), ("644", "649"), ("65", "65")),
        (16, 17, 18, 19),
    ),
    ("unionpay", (("62", "62"), ("81", "81")), (16, 17, 18, 19)),
    ("mastercard", (("51", "55"), ("2221", "2720")), (16,)),
    ("visa", (("4", "4"),), (13, 16, 19)),
)
