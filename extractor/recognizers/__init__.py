"""Recognizers: one module per kind of item, each with `recognize(doc) -> list[item]`.

`document` runs first: the others may use the header (its date resolves
relative dates and picks issuer codes valid in that year).
"""
