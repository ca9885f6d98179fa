"""Personal data handling: redaction of sensitive numbers, opt-out erasure, suppression list.

`logs` and `registry` import nothing from Rasa, so the action server can use them too.
"""
