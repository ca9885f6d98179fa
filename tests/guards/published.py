"""Numbers published as examples or test values by the bodies that issue them.

They are real test data, not computed here: a guard that finds them agrees with the issuers,
not only with the library it uses. Sources are given per entry.
"""

from __future__ import annotations

# (issuer as guards names it, number, where it is published)
STRIPE = "Stripe testing docs, docs.stripe.com/testing"
BRAINTREE = "Braintree sandbox docs, developer.paypal.com/braintree/docs/reference/general/testing"
TEST_CARDS: list[tuple[str, str, str]] = [
    ("visa", "4111111111111111", BRAINTREE),
    ("visa", "4242424242424242", STRIPE),
    ("visa", "4012888888881881", BRAINTREE),
    ("visa", "4000056655665556", STRIPE + " (Visa debit)"),
    ("visa", "4000002500001001", STRIPE + " (Cartes Bancaires co-badged; Visa range)"),
    ("mastercard", "5555555555554444", STRIPE),
    ("mastercard", "5105105105105100", STRIPE + " (prepaid)"),
    ("mastercard", "2223003122003222", STRIPE + " (2-series)"),
    ("american_express", "378282246310005", STRIPE + "; " + BRAINTREE),
    ("american_express", "371449635398431", STRIPE + "; " + BRAINTREE),
    ("discover", "6011111111111117", STRIPE),
    ("discover", "6011000990139424", STRIPE),
    ("discover", "6011000991300009", BRAINTREE),
    ("diners_club", "3056930009020004", STRIPE),
    ("diners_club", "36227206271667", STRIPE + " (14 digits)"),
    ("diners_club", "36259600000004", BRAINTREE),
    ("jcb", "3566002020360505", STRIPE),
    ("jcb", "3530111333300000", BRAINTREE),
    ("unionpay", "6200000000000005", STRIPE),
    ("unionpay", "6205500000000000004", STRIPE + " (19 digits)"),
    ("maestro", "6304000000000000", BRAINTREE),
]

# Examples of the SWIFT IBAN registry (ISO 13616 registration authority), as reproduced by
# the ECBS and the national banks; electronic format.
IBAN_REGISTRY_EXAMPLES: list[str] = [
    "AD1200012030200359100100",
    "AL47212110090000000235698741",
    "AT611904300234573201",
    "BA391290079401028494",
    "BE68539007547034",
    "BG80BNBG96611020345678",
    "CH9300762011623852957",
    "CY17002001280000001200527600",
    "CZ6508000000192000145399",
    "DE89370400440532013000",
    "DK5000400440116243",
    "EE382200221020145685",
    "ES9121000418450200051332",
    "FI2112345600000785",
    "FR1420041010050500013M02606",
    "GB29NWBK60161331926819",
    "GI75NWBK000000007099453",
    "GR1601101250000000012300695",
    "IE29AIBK93115212345678",
    "IT60X0542811101000000123456",
    "LU280019400644750000",
    "MT84MALT011000012345MTLCAST001S",
    "NL91ABNA0417164300",
    "NO9386011117947",
    "PL61109010140000071219812874",
    "PT50000201231234567890154",
    "SE4550000000058398257466",
]

# National identity numbers used as examples by the administrations (or the standard
# examples everyone cites); none belongs to a real person as far as published.
# Service-Public.fr (DILA), "Numéro de sécurité sociale": the illustrated card.
FR_NIR = "269054958815780"
# Wikipedia (fr), "Numéro de sécurité sociale en France": the worked example.
FR_NIR_WIKIPEDIA = "255081416802538"
# The example BSN of the Dutch documentation of the 11-test (9*1+8*1+...+2*3-1*3 = 66).
NL_BSN = "111222333"
# Belgian national register number: the example of its Wikipedia articles (nl, fr).
BE_NN = "93051822361"
# Spain: the usual examples of the mod-23 letter rule (12345678 -> Z; NIE X -> 0, -> L).
ES_DNI = "12345678Z"
ES_NIE = "X1234567L"
# Agenzia delle Entrate's worked example: Mario Rossi, born in Rome on 10 December 1985.
IT_CODICE_FISCALE = "RSSMRA85T10A562S"
