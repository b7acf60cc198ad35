"""The facts every metric shares about the article's text, defined once.

``input`` turns what a CMS sends (plain text or HTML) into the plain text every offset points
into; ``spans`` builds the span values of the report; ``words`` says what a word is (every
density divides by it) and what a name is; ``quotes`` finds quotation marks and says whether a
character is inside a quote. Nothing here knows about actors, sentiment, hedges or attributions.
"""
