"""Who a person speaks for: the organisations, countries and party groups an article ties them to.

A newsroom reads "Lis Ward, a spokeswoman for the Harbor Alliance" as the Alliance speaking, and
"Sen. Maria Quill (D-Ore.)" as one of the Democrats. Both ties come from the words around a
person's name, never from knowledge outside the text:

- ``title``: a non-person actor named in the person's title or apposition, before the name
  ("Harbor Alliance organizer Tom Reyes", "the ministry's spokesman, Ivo Marek") or in an
  apposition after it ("Lis Ward, a spokeswoman for the Harbor Alliance", "Omar Tate, president
  of the union");
- ``title`` too: a group named for the person's role ("lead plaintiff Rosa Diaz" for "the
  plaintiffs", "Sen." or "Rep." for "lawmakers"), of the person's party when the group names one;
- ``party``: a party tag after the name ("Quill, D-Ore.", "(R-Tex.)", "(D)") or a party word in the
  title ("Republican Rep. Dan Pike", "Dan Pike, a Democrat"), or "his fellow Republicans" said
  of the person, which ties the person to every group or party actor of the article named for
  that party ("Democrats", "Senate Democrats", "the Democratic Party"). A group named for one
  chamber ("Senate Republicans") takes only members the text titles for that chamber ("Sen.",
  "Rep.").

Each tie keeps the words it came from, so an editor can see why. A person with no such words has
no affiliation: nothing is guessed from who the person is known to be.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from scoring.actors.entities import PARTY_WORDS
from scoring.actors.model import NAME_FORMS, Actor, Affiliation, Mention, mention_span
from scoring.text.quotes import QuoteIndex, quote_index
from scoring.text.spans import doc_text, text_span

# Actors a person can speak for through a title; a person's tie to another person ("Trump
# adviser ...") is a relation, not a voice.
SPEAKS_FOR = frozenset({"organisation", "country", "group"})
# "D-N.Y.", "(R-Tex.)", "R-Ky", "I-Vt.": the party letter and a state abbreviation.
PARTY_TAG = re.compile(r"\s*[,(]\s*(([DRI])\s*[-\u2013\u2014]\s*[A-Z][A-Za-z.]{0,10})")
# "Mayor Tom Reed (D)": the party letter alone, in parentheses only.
BARE_PARTY_TAG = re.compile(r"\s*\((([DRI]))\)")
CHAMBER_TITLES = {
    "sen.": "senate",
    "sen": "senate",
    "senator": "senate",
    "rep.": "house",
    "rep": "house",
    "representative": "house",
    "congressman": "house",
    "congresswoman": "house",
}
CHAMBER_WORDS = {"senate": "senate", "house": "house"}
# Capitalised words of a party body's name that name no place ("Senate Democrats", "the
# Republican Party", "Congressional Republicans", "GOP Leaders").
PARTY_BODY_WORDS = frozenset(
    {"party", "senate", "house", "congressional", "congress", "state", "national", "the"}
)
# Whoever the text titles for a chamber is a legislator, and a group named for legislators
# ("lawmakers", "legislators") takes them.
LEGISLATOR = "legislator"
LEGISLATOR_NOUNS = frozenset({"lawmaker", "legislator", "congressman", "congresswoman", "senator"})
# How a named actor may hang on a title's noun and still be part of the title.
TITLE_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "pobj", "prep", "npadvmod", "conj", "appos"}
)
TITLE_PREPOSITIONS = frozenset({"of", "for"})
MAX_TITLE_DEPTH = 8
# A title that is past ("former Mexican President", "recently fired FBI Director") speaks for no
# one now; its party word still says the person's party.
PAST_TITLE_WORDS = frozenset(
    {"former", "ex", "fired", "resigned", "retired", "ousted", "onetime", "erstwhile", "deposed"}
)
# A candidate runs for an office, not for the body it sits in ("Senate candidate"): only a party
# is tied through such a title ("Alabama GOP Senate nominee": the GOP).
CANDIDATE_NOUNS = frozenset({"candidate", "nominee", "hopeful", "contender", "challenger"})
# An envoy speaks for their country, not for the body they are sent to ("U.N. Ambassador").
ENVOY_NOUNS = frozenset({"ambassador", "envoy", "emissary"})
# A spokesperson speaks for the person they are a spokesperson for, and so for whatever that person
# speaks for ("Lia Stone, spokeswoman for Sen. Tom Reed (R-Ohio)": the Republicans).
SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# An apposition says who the person is when it is a noun phrase ("a spokeswoman for ..."), not
# a clause or a list.
APPOSITION_DEPS = frozenset({"appos"})


@dataclass(frozen=True, slots=True)
class _Ties:
    """What the words around one person's names say: actors named in titles, party, chamber."""

    titles: dict[str, tuple[int, int]]
    party: tuple[str, tuple[int, int]] | None
    chambers: frozenset[str]
    roles: dict[str, tuple[int, int]]  # title noun (singular, lower case) -> its zone
    principals: dict[str, tuple[int, int]]  # person spoken for -> the spokesperson's title


def affiliate(doc: Doc, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """The actors, each person with the organisations, countries and party groups it speaks for."""
    named = _NamedMentions(actors, SPEAKS_FOR)
    people = _NamedMentions(actors, frozenset({"person"}))
    quotes = quote_index(doc)
    groups = _Groups(actors)
    text = doc_text(doc)
    # actor id -> (type, named for a party)
    kinds = {a.id: (a.type, any(w in PARTY_WORDS for w in _words(a))) for a in actors}
    own: dict[str, dict[str, Affiliation]] = {}
    principals: dict[str, dict[str, tuple[int, int]]] = {}
    for actor in actors:
        if actor.type != "person":
            continue
        ties = _ties(doc, actor, named, people, quotes, kinds)
        own[actor.id] = _own_ties(ties, groups, text)
        own[actor.id].pop(actor.id, None)
        principals[actor.id] = ties.principals
    out = []
    for actor in actors:
        found = dict(own.get(actor.id, {}))
        for principal, (start, end) in principals.get(actor.id, {}).items():
            for tie in own.get(principal, {}).values():
                if tie.actor_id not in found and tie.actor_id != actor.id:
                    span = text_span(text, start, end)
                    found[tie.actor_id] = Affiliation(tie.actor_id, "title", span)
        out.append(replace(actor, affiliations=tuple(found.values())) if found else actor)
    return tuple(out)


def _own_ties(ties: _Ties, groups: _Groups, text: str) -> dict[str, Affiliation]:
    """The affiliations a person's own words give: titles, party, role."""
    found: dict[str, Affiliation] = {}
    for other, (start, end) in ties.titles.items():
        found[other] = Affiliation(other, "title", text_span(text, start, end))
    if ties.party is not None:
        party, (start, end) = ties.party
        for group in groups.by_party.get(party, ()):
            if (
                group.id not in found
                and _chamber_fits(group, ties.chambers)
                and _role_fits(group, ties)
            ):
                found[group.id] = Affiliation(group.id, "party", text_span(text, start, end))
    for group in groups.by_role(ties.roles):
        start, end = ties.roles[_role(group)]
        if (
            group.id not in found
            and _party_fits(group, ties)
            and _chamber_fits(group, ties.chambers)
        ):
            found[group.id] = Affiliation(group.id, "title", text_span(text, start, end))
    return found


class _NamedMentions:
    """Name mentions of the actors of some types, sorted by start for look-ups."""

    def __init__(self, actors: Iterable[Actor], types: frozenset[str]) -> None:
        self.spans = sorted(
            (mention.span.start, mention.span.end, actor.id)
            for actor in actors
            if actor.type in types
            for mention in actor.mentions
            if mention.form in NAME_FORMS or mention.form in ("demonym", "metonym")
        )
        self.starts = [start for start, _, _ in self.spans]
        self._longest = max((end - start for start, end, _ in self.spans), default=0)

    def covers(self, char: int) -> bool:
        """True when a mention covers the character at ``char``."""
        low = bisect_left(self.starts, char - self._longest)
        return any(
            start <= char < end
            for start, end, _ in self.spans[low : bisect_left(self.starts, char + 1)]
        )

    def inside(self, start: int, end: int) -> Iterator[tuple[str, int, int]]:
        """(actor id, start, end) of each mention lying within ``start..end``."""
        for k in range(bisect_left(self.starts, start), len(self.spans)):
            first, last, actor_id = self.spans[k]
            if first >= end:
                return
            if last <= end:
                yield actor_id, first, last


def _ties(
    doc: Doc,
    actor: Actor,
    named: _NamedMentions,
    people: _NamedMentions,
    quotes: QuoteIndex,
    kinds: Mapping[str, tuple[str, bool]],
) -> _Ties:
    titles: dict[str, tuple[int, int]] = {}
    principals: dict[str, tuple[int, int]] = {}
    roles: dict[str, tuple[int, int]] = {}
    party: tuple[str, tuple[int, int]] | None = None
    chambers: set[str] = set()
    text = doc_text(doc)
    for mention in actor.mentions:
        if quotes.inside(mention.span.start):
            continue
        if mention.form == "pronoun" and party is None:
            party = _fellows(doc, mention)
        if mention.form not in NAME_FORMS:
            continue
        span = mention_span(doc, mention)
        for zone, head in _zones(span, named):
            start, end = zone.start_char, zone.end_char
            words = {token.lemma_.lower() for token in zone} | {token.lower_ for token in zone}
            for other, first, last in named.inside(start, end):
                if _titles(doc, first, last, head) and _title_speaks_for(words, kinds[other]):
                    titles.setdefault(other, (start, end))
            if head.lower_ in SPOKESPERSON_NOUNS:
                for other, first, last in people.inside(start, end):
                    if other != actor.id and _titles(doc, first, last, head):
                        principals.setdefault(other, (start, end))
            for token in zone:
                _chamber_title(token, chambers, roles)
                if token.pos_ in ("NOUN", "PROPN") and not token.ent_type_:
                    roles.setdefault(token.lemma_.lower(), (start, end))
                if party is None and token.lower_ in PARTY_WORDS and _describes(token, span):
                    party = (PARTY_WORDS[token.lower_], (token.idx, token.idx + len(token)))
        for token in span:
            _chamber_title(token, chambers, roles)
        tag = PARTY_TAG.match(text, span.end_char) or BARE_PARTY_TAG.match(text, span.end_char)
        if party is None and tag is not None:
            party = (tag.group(2), (tag.start(1), tag.end(1)))
    return _Ties(titles, party, frozenset(chambers), roles, principals)


def _title_speaks_for(words: set[str], kind: tuple[str, bool]) -> bool:
    """Whether a title of these words speaks for an actor of this (type, named for a party):
    not a past title, a candidate's only for a party, an envoy's only for a country."""
    actor_type, party = kind
    if words & PAST_TITLE_WORDS:
        return False
    if words & CANDIDATE_NOUNS:
        return party
    if words & ENVOY_NOUNS:
        return actor_type == "country"
    return True


def _fellows(doc: Doc, mention: Mention) -> tuple[str, tuple[int, int]] | None:
    """The party of "his fellow Republicans" when "his" is the person's pronoun."""
    token = mention_span(doc, mention).root
    group = token.head
    if token.dep_ != "poss" or group.lower_ not in PARTY_WORDS:
        return None
    if not any(c.lower_ == "fellow" for c in group.children):
        return None
    return PARTY_WORDS[group.lower_], (token.idx, group.idx + len(group.text))


def _zones(span: Span, named: _NamedMentions) -> Iterator[tuple[Span, Token]]:
    """The title words of a name, each with the word they hang on: its left modifiers (on the
    name), its apposition (on the apposition's noun), or the title it apposes (on that title)."""
    doc = span.doc
    root = span.root
    sentence = span.sent
    first = span.start
    inside = {t.i for t in root.subtree}
    while first > sentence.start and _title_word(doc[first - 1], inside, named):
        first -= 1
    if first < span.start:
        yield doc[first : span.start], root
    for child in root.children:
        if child.dep_ in APPOSITION_DEPS and child.i >= span.end:
            yield doc[child.left_edge.i : child.right_edge.i + 1], child
    if root.dep_ in APPOSITION_DEPS and root.head.i < span.start:
        head = root.head
        yield doc[head.left_edge.i : span.start], head


def _titles(doc: Doc, start: int, end: int, head: Token) -> bool:
    """True when the mention at ``start..end`` is part of the title itself: it reaches the
    title's noun through modifiers, possessives and "of"/"for" ("a spokeswoman for the
    alliance", "the union's president"), not through a clause or another preposition ("a
    Democrat running for Senate", "a candidate in the Senate primary")."""
    mention = doc.char_span(start, end, alignment_mode="expand")
    token = mention.root if mention is not None else None
    for _ in range(MAX_TITLE_DEPTH):
        if token is None or token == head:
            return token is not None
        if token.dep_ not in TITLE_DEPS:
            return False
        if token.dep_ == "prep" and token.lower_ not in TITLE_PREPOSITIONS:
            return False
        if token.dep_ == "appos" and token.head.ent_type_ == "PERSON":
            return False  # another person's title: "the sister of Liz Cheney, a Senate candidate"
        token = token.head
    return False


def _chamber_title(token: Token, chambers: set[str], roles: dict[str, tuple[int, int]]) -> None:
    """A legislative title ("Sen.", "Rep."): its chamber, and the legislator role."""
    chamber = CHAMBER_TITLES.get(token.lower_)
    if chamber:
        chambers.add(chamber)
        roles.setdefault(LEGISLATOR, (token.idx, token.idx + len(token)))


def _title_word(token: Token, inside: set[int], named: _NamedMentions) -> bool:
    """A word of the name's own title, read leftwards from the name: in the name's phrase, and
    not a coordinator, comma or another person's name ("U.S. President Ann Ray and French
    President Luc Morel": Morel's title is "French President" alone), though a person's name
    may be part of an organisation's ("Ray campaign spokeswoman Lia Stone")."""
    if token.i not in inside or token.dep_ in ("cc", "punct"):
        return False
    return token.ent_type_ != "PERSON" or named.covers(token.idx)


def _describes(token: Token, name: Span) -> bool:
    """A party word that says the person's party: a modifier of the name or its title noun, or
    the apposition's head itself ("a Democrat"), not a word deeper in the phrase ("a critic of
    the Republican plan")."""
    if token.head.i in range(name.start, name.end) or token.head == name.root:
        return True
    if name.root.dep_ in APPOSITION_DEPS and name.root.head == token:
        return True  # the noun the name apposes: "another leading Dem, Sen. Ann Ray"
    if token.dep_ in APPOSITION_DEPS:
        return True
    head = token.head
    if head.dep_ in APPOSITION_DEPS or head.head.i in range(name.start, name.end):
        return True
    # down a chain of modifiers to the name: "Ohio Republican Senate candidate Dan Pike"
    step = token
    for _ in range(MAX_TITLE_DEPTH):
        if step.dep_ not in ("amod", "compound") or step.head is step:
            return False
        step = step.head
        if step.i in range(name.start, name.end):
            return True
    return False


class _Groups:
    """The article's group and party actors, by the party and by the role their name names."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.by_party: dict[str, list[Actor]] = {}
        self._by_role: dict[str, list[Actor]] = {}
        for actor in actors:
            words = _words(actor)
            if actor.type != "group" and "party" not in words:
                continue
            parties = {PARTY_WORDS[w] for w in words if w in PARTY_WORDS}
            if len(parties) == 1 and not _qualified(actor):
                self.by_party.setdefault(parties.pop(), []).append(actor)
            if actor.type == "group" and _role(actor):
                self._by_role.setdefault(_role(actor), []).append(actor)

    def by_role(self, roles: Mapping[str, object]) -> list[Actor]:
        """Groups named for a role the person's title gives ("lead plaintiff" -> "plaintiffs")."""
        return [group for role in roles for group in self._by_role.get(role, ())]


def _qualified(actor: Actor) -> bool:
    """A party body of one place ("Wisconsin Republican Party"): a party tag does not make one
    of its members; only a title naming it does ("chairman of the Wisconsin Republican Party")."""
    words = actor.name.split()
    if _role(actor):
        words = words[:-1]  # "Republican Lawmakers": the role, not a place
    capitalised = {w.lower().strip(".") for w in words if w[:1].isupper()}
    return bool(capitalised - set(PARTY_WORDS) - PARTY_BODY_WORDS)


def _role(group: Actor) -> str:
    """The role a group's name is the plural of ("committee members" -> "member"), if any."""
    last = group.name.lower().split()[-1] if group.name.split() else ""
    if not last.isalpha() or not last.endswith("s") or last in PARTY_WORDS:
        return ""
    return LEGISLATOR if last[:-1] in LEGISLATOR_NOUNS else last[:-1]


def _role_fits(group: Actor, ties: _Ties) -> bool:
    """A party group named for a role other than legislator ("GOP leaders", "GOP committee
    members") takes only members the text gives that role; any party member is one of the
    party's "Republicans" or "Democratic lawmakers"."""
    role = _role(group)
    return not role or role == LEGISLATOR or role in ties.roles


def _party_fits(group: Actor, ties: _Ties) -> bool:
    """A group named for a party takes only members of that party."""
    parties = {PARTY_WORDS[w] for w in _words(group) if w in PARTY_WORDS}
    return not parties or (ties.party is not None and ties.party[0] in parties)


def _chamber_fits(group: Actor, chambers: frozenset[str]) -> bool:
    """A group named for one chamber takes only members the text titles for that chamber."""
    named = {CHAMBER_WORDS[w] for w in _words(group) if w in CHAMBER_WORDS}
    return not named or bool(named & chambers)


def _words(actor: Actor) -> set[str]:
    return {w for name in (actor.name, *actor.aliases) for w in re.findall(r"[a-z]+", name.lower())}
