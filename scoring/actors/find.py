"""Actors: the people, organisations, countries and groups an article talks about.

Entities from the parse are gathered into one actor per real-world referent: full names, surnames
and titled forms (given names and suffixes keep people apart; a surname alone goes to the person
of that surname named last); transliteration variants; acronyms and their expansions; a party and
its members; entity-type mistakes of the model; demonyms and institutions that stand for a
country. Callers may name actors of interest with aliases; a requested actor absorbs every
automatic actor its name or aliases match. Pronouns and role nouns are resolved last (``coref``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from scoring.actors.affiliations import affiliate
from scoring.actors.coref import (
    ORGANISATION_ROLES,
    PAIR,
    Facts,
    gender_of,
    resolve,
    role_nouns,
    roles_of,
)
from scoring.actors.entities import (
    PROGRAMME_WORDS,
    ROLE_WORDS,
    dateline,
    describes,
    in_title,
    is_agent,
    medium,
    modifies_programme,
    party_member,
    trim,
)
from scoring.actors.model import (
    ACTOR_TYPES,
    Actor,
    ActorQuery,
    Mention,
)
from scoring.actors.names import (
    NAME_SUFFIXES,
    clean_name,
    fold,
    form_pattern,
    given_agree,
    looks_like_person,
    loose,
    member_stem,
    name_key,
    name_slug,
    org_key,
    pair_forms,
    part_of_name,
    same_surname,
    spells,
    stem,
    without_possessive,
)
from scoring.errors import InvalidActorError
from scoring.text.lexicon import read_tsv
from scoring.text.sentences import sentence_index
from scoring.text.spans import doc_text, text_span

# --- detection -----------------------------------------------------------------------------------

# spaCy (OntoNotes) entity labels that can name an actor; LOC, FAC and the rest are places, things.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """What the text's names are known to stand for: countries and the words standing for them
    (form -> (country, kind)), and first names borne almost only by one sex (folded first name ->
    "male" or "female"), which coreference reads when no title or pronoun says."""

    forms: Mapping[str, tuple[str, str]]
    first_names: Mapping[str, str] = field(default_factory=dict)


def load_gazetteer() -> Gazetteer:
    """Read ``lexicons/countries.tsv`` (a form stands for one country only) and
    ``lexicons/first_names.tsv`` (built by ``training/first_names.py``) from the package."""
    rows = read_tsv("countries.tsv", columns=(3,), key=(2,))
    names = read_tsv("first_names.tsv", columns=(4,))
    return Gazetteer(
        forms={form: (country, kind) for country, kind, form in rows},
        first_names={name: sex for name, sex, _, _ in names},
    )


@dataclass
class _Cluster:
    """An actor while it is being gathered (mutable; becomes a frozen ``Actor`` at the end)."""

    type: str
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)
    surname: str = ""
    first: str = ""
    given: str = ""  # given names, initials and suffix of the fullest name, folded
    name: str = ""
    requested: bool = False

    def add(self, start: int, end: int, text: str, form: str) -> None:
        if (start, end) not in self.mentions:
            self.mentions[(start, end)] = form
            self.forms[text] += 1


class _Gatherer:
    """Gathers entity spans into clusters, one per real-world referent."""

    def __init__(
        self, doc: Doc, gazetteer: Gazetteer, first_names: Mapping[str, str] | None = None
    ) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.first_names = first_names or {}
        self.clusters: dict[str, _Cluster] = {}
        self.covered: set[int] = set()

    def cluster(self, type_: str, key: str) -> _Cluster:
        return self.clusters.setdefault(
            f"{type_}:{key}", _Cluster(type=type_, key=f"{type_}:{key}")
        )

    def add(self, cluster: _Cluster, span: Span, form: str) -> None:
        cluster.add(span.start_char, span.end_char, span.text, form)
        self.covered.update(range(span.start, span.end))

    def persons(self) -> list[_Cluster]:
        return [c for c in self.clusters.values() if c.type == "person"]

    def person_for(
        self,
        surname: str,
        first: str = "",
        *,
        given: str = "",
        at: int | None = None,
        gender: str | None = None,
    ) -> _Cluster | None:
        """The person cluster a name belongs to.

        A full name must agree on its given names (first name, middle initials, suffix:
        ``given``) with a cluster that has them; a surname alone goes to the person of that
        surname named last before ``at`` (most recent), else to the most mentioned, among those
        of the ``gender`` its title gives when there are any ("Mr. Clinton" beside Bill and
        Hillary Clinton is Bill).
        """
        found = [
            c
            for c in self.persons()
            if same_surname(c.surname, surname)
            and (not first or not c.first or fold(c.first)[:1] == fold(first)[:1])
            and (not given or not c.given or given_agree(c.given, given))
        ]
        if gender is not None and len(found) > 1:
            found = [c for c in found if self._gender(c) in (None, gender)] or found
        if at is not None and not first and len(found) > 1:
            recent = [(max((s for s, _ in c.mentions if s < at), default=-1), c) for c in found]
            best = max(recent, key=lambda pair: pair[0])
            if best[0] >= 0:
                return best[1]
        return max(found, key=lambda c: len(c.mentions), default=None)

    def add_full_name(self, span: Span) -> None:
        words = [t.text for t in span if t.lower_ not in NAME_SUFFIXES]
        first, surname = words[0], words[-1]
        # Given names and suffixes keep people apart: Donald Trump Jr., George H. W. Bush.
        given = " ".join(fold(t.text).rstrip(".") for t in span[:-1] if t.text != surname)
        given += "".join(f" {fold(t.text).rstrip('.')}" for t in span if t.lower_ in NAME_SUFFIXES)
        cluster = self.person_for(surname, first, given=given)
        if cluster is None:
            key = fold(surname)
            if f"person:{key}" in self.clusters:
                key = f"{given.replace(' ', '-')}-{key}"
            cluster = self.cluster("person", key)
            cluster.surname, cluster.first = surname, first
        cluster.first = cluster.first or first
        cluster.given = cluster.given or given
        self.add(cluster, span, "name")

    def add_entity(self, span: Span, label: str) -> None:
        text = span.text
        if in_title(span) or dateline(span) or not text[:1].isupper():
            return  # "Secretary of State", "WASHINGTON —", "son": no actor's name
        country = self.gazetteer.forms.get(text)
        person = (
            self.person_for(span[-1].text, at=span.start_char, gender=self._title_gender(span))
            if label != "NORP"
            else None
        )
        if person is not None and (len(span) == 1 or fold(text).endswith(fold(person.surname))):
            self.add(person, span, "name")  # a person's name the model typed as ORG or GPE
        elif country is not None:
            self.add_country(span, *country)
        elif label == "PERSON" and (medium(span) or party_member(span)):
            return  # "on Twitter": where something was said, not who; "a Dem": a party word
        elif label == "PERSON":
            cluster = self.cluster("person", fold(span[-1].text))
            cluster.surname = cluster.surname or span[-1].text
            self.add(cluster, span, "name")
        elif label == "ORG" and span[-1].lower_.split("-")[-1] not in ROLE_WORDS:
            self.add(self.cluster("organisation", org_key(text)), span, "name")
        elif label == "NORP":
            if not describes(span):
                self.add(self.cluster("group", stem(fold(span[-1].text))), span, "name")
        elif is_agent(span):
            self.add(self.cluster("place", fold(text)), span, "name")

    def add_country(self, span: Span, country: str, kind: str) -> None:
        if kind == "capital" and not is_agent(span):
            return  # "talks in Moscow" names a place, not the government
        cluster = self.cluster("country", fold(country))
        cluster.name = country
        self.add(cluster, span, {"name": "name", "demonym": "demonym"}.get(kind, "metonym"))

    def add_missed(self) -> None:
        """Mentions the model did not tag: known surnames and gazetteer forms."""
        for token in self.doc:
            if token.i in self.covered or not token.text[:1].isupper():
                continue
            span = self.doc[token.i : token.i + 1]
            # The small model tags a rarer spelling as a common noun ("Zelenskiy left").
            person = (
                self.person_for(token.text, at=token.idx, gender=self._title_gender(span))
                if token.pos_ in ("PROPN", "NOUN", "X")
                else None
            )
            if person is not None:
                self.add(person, span, "name")
            elif token.text in self.gazetteer.forms and token.pos_ in ("PROPN", "ADJ", "NOUN"):
                self.add_country(span, *self.gazetteer.forms[token.text])

    def merge_acronyms(self) -> None:
        """Fold an organisation's acronym ("NATO", "N.A.T.O.") into its spelled-out name when
        both appear."""
        orgs = [c for c in self.clusters.values() if c.type == "organisation"]
        for long in orgs:
            if long.key not in self.clusters:
                continue
            name = long.forms.most_common(1)[0][0]
            initials = "".join(w[0] for w in name.split() if w[:1].isupper())
            short = self.clusters.get(f"organisation:{initials.lower()}") or self.clusters.get(
                f"place:{initials.lower()}"
            )
            if len(initials) > 1 and short is not None and short is not long:
                self._absorb(long, short)

    def merge_movements(self) -> None:
        """Fold a movement's or party's plural and member forms into it: "Tea Partiers" into
        the Tea Party, "Democrats" into the Democratic Party."""
        orgs = [c for c in self.clusters.values() if c.type == "organisation"]
        for org in orgs:
            name = fold(org.forms.most_common(1)[0][0])
            words = name.split()
            stems = {member_stem(name)}
            if len(words) > 1 and words[-1] in ("party", "movement"):
                stems.add(stem(" ".join(words[:-1])))
            if org.key not in self.clusters:
                continue
            for other in [c for c in self.clusters.values() if c.type in ("group", "organisation")]:
                if other is not org and {member_stem(fold(f)) for f in other.forms} & stems:
                    self._absorb(org, other)

    def drop_programmes(self) -> None:
        """Programmes and laws the model tags as organisations ("DACA protections", "Temporary
        Protected Status", "the Affordable Care Act") are not actors: a name ending in a
        programme word, or one that modifies a programme noun and never acts."""
        for cluster in [c for c in self.clusters.values() if c.type == "organisation"]:
            spans = [self.doc.char_span(s, e, alignment_mode="expand") for s, e in cluster.mentions]
            names = [span for span in spans if span is not None]
            if any(span[-1].lower_ in PROGRAMME_WORDS for span in names) or (
                any(modifies_programme(span) for span in names)
                and not any(is_agent(span) for span in names)
            ):
                del self.clusters[cluster.key]

    def add_references(self) -> None:
        """Pronouns and role nouns resolved to the actors named before them (``coref``)."""
        clusters = [c for c in self.clusters.values() if c.mentions]
        names = [
            (n, start, end, c.type) for n, c in enumerate(clusters) for (start, end) in c.mentions
        ]
        genders: dict[int, str] = {}
        roles: dict[int, set[str]] = {}
        for n, cluster in enumerate(clusters):
            roles[n] = set().union(*(roles_of(self.doc, s, e) for s, e in cluster.mentions))
            if cluster.requested and pair_forms(cluster.name):
                roles[n].add(PAIR)
            if cluster.type == "person" and (gender := self._gender(cluster)) is not None:
                genders[n] = gender
        facts = Facts(
            types={n: c.type for n, c in enumerate(clusters)}, genders=genders, roles=roles
        )
        for ref in resolve(self.doc, names, facts):
            clusters[ref.actor].mentions.setdefault((ref.start, ref.end), ref.form)
        self._requested_roles()

    def _requested_roles(self) -> None:
        """ "The administration" when the caller asked about "Obama's administration" and no
        other actor is one: a role noun naming exactly one requested actor refers to it."""
        named: dict[str, list[_Cluster]] = {}
        for cluster in self.clusters.values():
            if cluster.requested and cluster.type in ("organisation", "group"):
                for word in set(fold(cluster.name).split()) & ORGANISATION_ROLES:
                    named.setdefault(word, []).append(cluster)
        taken = {span for c in self.clusters.values() for span in c.mentions}
        for start, end, role in role_nouns(self.doc) if named else ():
            if len(named.get(role, ())) == 1 and (start, end) not in taken:
                named[role][0].mentions[(start, end)] = "nominal"

    def _title_gender(self, span: Span) -> str | None:
        """The gender a title before a name gives ("Mr.", "Ms."), if any."""
        return gender_of(self.doc, span.start_char, span.end_char)

    def _gender(self, cluster: _Cluster) -> str | None:
        """A person's gender from titles and gendered nouns beside the name, else from the
        first name (``first_names``), else unknown; conflicting evidence is unknown."""
        votes = {g for s, e in cluster.mentions if (g := gender_of(self.doc, s, e)) is not None}
        if len(votes) == 1:
            return votes.pop()
        return self.first_names.get(fold(cluster.first)) if cluster.first and not votes else None

    def add_requested(self, query: ActorQuery) -> None:
        """Attach a caller's actor to the clusters it names (all of them), or make one; find
        its name and aliases in the text too, a longer form winning over a name inside it."""
        forms = (query.name, *query.aliases, *pair_forms(query.name))
        forms += tuple({without_possessive(f) for f in forms} - set(forms))
        folded = {loose(form) for form in forms}
        free = [c for c in self.clusters.values() if not c.requested]
        matching = [
            c
            for c in free
            if folded & {loose(f) for f in c.forms}
            or (c.surname and c.type == "person" and loose(c.surname) in folded)
            or (c.type in ("person", "organisation") and part_of_name(c.forms, query.name))
        ]
        groups = {stem(c.key[6:]): c for c in free if c.type == "group"}
        party = groups.get(stem(query.name.split()[-1]))
        if not matching and party is not None:
            # "Senate Democrats", "Alabama Republicans": the party they belong to
            matching = [party]
        if not matching and query.type in (None, "person") and looks_like_person(query.name):
            # "Barack Obama" asked for, the text says "Obama": the same person by surname
            words = query.name.split()
            found = self.person_for(words[-1], words[0])
            matching = [found] if found is not None and not found.requested else []
            if not matching:
                self._surname_mentions(self._new_requested(query), words[-1])
        if not matching and not looks_like_person(query.name):
            # "Democratic lawmakers": the party or movement its words name
            stems = {stem(word) for word in query.name.split()}
            matching = [c for s, c in groups.items() if s in stems]
        cluster = matching[0] if matching else self._new_requested(query)
        for other in matching[1:]:
            self._absorb(cluster, other)
        cluster.requested, cluster.name = True, query.name
        if query.type is not None:
            cluster.type = query.type  # the caller knows what the actor is
        elif pair_forms(query.name):
            cluster.type = "group"  # two people asked about together
        elif (
            cluster.type == "organisation"
            and part_of_name(cluster.forms, query.name)
            and not pair_forms(query.name)
        ):
            cluster.type = "person"  # "Enrique Peña" the small model took for an organisation
        if cluster.type == "person" and not cluster.surname:
            cluster.surname = query.name.split()[-1]
        if cluster.type == "person" and not cluster.first and looks_like_person(query.name):
            cluster.first = query.name.split()[0]  # the fullest name for the key
        for form in forms:
            for match in re.finditer(form_pattern(form), doc_text(self.doc)):
                span = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is not None and self._take(span):
                    self.add(cluster, span, "alias")

    def _surname_mentions(self, cluster: _Cluster, surname: str) -> None:
        """A requested person whose given name the text never spells ("Barack Obama" asked, the
        text says "Mr. Obama" beside "Michelle Obama"): the surname alone is theirs."""
        for other in self.persons():
            if other is cluster or not same_surname(other.surname, surname):
                continue
            for start, end in [k for k in other.mentions if loose(self._text(k)) == loose(surname)]:
                cluster.add(start, end, self._text((start, end)), other.mentions.pop((start, end)))

    def _text(self, span: tuple[int, int]) -> str:
        return doc_text(self.doc)[span[0] : span[1]]

    def _new_requested(self, query: ActorQuery) -> _Cluster:
        """A cluster for a requested actor the text never names the way the parse did."""
        type_ = query.type or (
            "group"
            if query.name.endswith("s") or pair_forms(query.name)
            else "person"
            if looks_like_person(query.name)
            else "organisation"
        )
        cluster = self.cluster(type_, fold(query.name))
        if cluster.type == "person":
            words = query.name.split()
            cluster.surname, cluster.first = words[-1], words[0] if len(words) > 1 else ""
        return cluster

    def _absorb(self, cluster: _Cluster, other: _Cluster) -> None:
        for (start, end), form in other.mentions.items():
            cluster.add(start, end, doc_text(self.doc)[start:end], form)
        del self.clusters[other.key]

    def _take(self, span: Span) -> bool:
        """Free ``span`` for a requested form: False when a mention already covers it whole;
        mentions strictly inside it ("Obama" in "the Obama campaign") are given up."""
        if not self.covered.intersection(range(span.start, span.end)):
            return True
        start, end = span.start_char, span.end_char
        for cluster in self.clusters.values():
            if any(s <= start and end <= e for s, e in cluster.mentions):
                return False
        for cluster in self.clusters.values():
            for s, e in [k for k in cluster.mentions if start <= k[0] and k[1] <= end]:
                del cluster.mentions[(s, e)]
        return True


def _canonical(cluster: _Cluster) -> str:
    if cluster.name:
        return cluster.name
    ranked = sorted(cluster.forms.items(), key=lambda kv: (-(" " in kv[0]), -kv[1], -len(kv[0])))
    return clean_name(ranked[0][0].removesuffix("’s").removesuffix("'s"))


def _person_key(cluster: _Cluster, *, middle: bool = False) -> str:
    """The cross-article key of a person: first name, surname and suffix the article gives,
    spelling-neutral ("hillary-clinton", "donald-trump-jr", "zelensky" when only the surname is
    known); middle names and initials only when ``middle`` (to tell two people apart, since
    outlets differ on "Donald J. Trump")."""
    surname = name_key(cluster.surname)
    words = cluster.given.split()
    suffix = [w for w in words if w in NAME_SUFFIXES]
    given = [w for w in words if w not in NAME_SUFFIXES] if middle else words[:1]
    if not given and cluster.first and fold(cluster.first) != fold(cluster.surname):
        given = [fold(cluster.first).rstrip(".")]
    return "-".join(filter(None, (name_slug(" ".join(given)) if given else "", surname, *suffix)))


def _keys(clusters: list[_Cluster]) -> dict[int, str]:
    """Each cluster's key; people whose short keys collide are told apart by middle names."""
    short = {id(c): f"{c.type}:{_person_key(c)}" if c.surname else "" for c in clusters}
    counts = Counter(short.values())
    keys = {}
    for c in clusters:
        key = short[id(c)]
        if key and counts[key] > 1:
            key = f"{c.type}:{_person_key(c, middle=True)}"
        keys[id(c)] = key or f"{c.type}:{name_slug(_canonical(c))}"
    return keys


def find_actors(
    doc: Doc,
    *,
    gazetteer: Gazetteer,
    requested: Sequence[ActorQuery] = (),
    first_names: Mapping[str, str] | None = None,
) -> tuple[Actor, ...]:
    """Find the article's actors, one per referent, ordered by first mention.

    Requested actors are always present, with zero mentions when the text never names them;
    one without a name to find raises ``InvalidActorError``. ``first_names`` maps a folded
    first name to "male" or "female" for coreference (default: the gazetteer's).
    """
    queries = [_checked(query) for query in requested]
    names_sex = gazetteer.first_names if first_names is None else first_names
    gatherer = _Gatherer(doc, gazetteer, names_sex)
    names = [(s, ent.label_) for ent in doc.ents if ent.label_ in ACTOR_LABELS if (s := trim(ent))]
    for span, label in names:
        if label == "PERSON" and len([t for t in span if t.lower_ not in NAME_SUFFIXES]) > 1:
            gatherer.add_full_name(span)
    for span, label in names:
        if span.start not in gatherer.covered:
            gatherer.add_entity(span, label)
    gatherer.add_missed()
    gatherer.merge_acronyms()
    gatherer.merge_movements()
    gatherer.drop_programmes()
    for query in queries:
        gatherer.add_requested(query)
    gatherer.add_references()
    return affiliate(doc, _freeze(doc, gatherer.clusters.values()))


def _checked(query: ActorQuery) -> ActorQuery:
    """A requested actor with its name and aliases cleaned; blank aliases are dropped."""
    name = clean_name(query.name)
    if not spells(name):
        raise InvalidActorError(f"a requested actor needs a name with a letter; got {query.name!r}")
    if query.type is not None and query.type not in ACTOR_TYPES:
        raise InvalidActorError(f"actor type {query.type!r} is not one of {', '.join(ACTOR_TYPES)}")
    aliases = tuple(alias for a in query.aliases if spells(alias := clean_name(a)))
    return ActorQuery(name=name, aliases=aliases, type=query.type)


def _freeze(doc: Doc, clusters: Iterable[_Cluster]) -> tuple[Actor, ...]:
    sentence_of = {sent.start_char: i for i, sent in enumerate(sentence_index(doc).spans)}
    starts = sorted(sentence_of)
    actors: list[Actor] = []
    used: Counter[str] = Counter()
    kept = [c for c in clusters if c.mentions or c.requested]
    keys = _keys(kept)
    for cluster in sorted(kept, key=lambda c: min(c.mentions, default=(len(doc_text(doc)), 0))):
        name = _canonical(cluster)
        slug = name_slug(name)
        used[slug] += 1
        mentions = tuple(
            Mention(
                span=text_span(doc_text(doc), start, end),
                sentence=sentence_of[starts[bisect_right(starts, start) - 1]],
                form=form,
            )
            for (start, end), form in sorted(cluster.mentions.items())
        )
        actors.append(
            Actor(
                id=slug if used[slug] == 1 else f"{slug}-{used[slug]}",
                key=keys[id(cluster)],
                name=name,
                type=cluster.type,
                aliases=tuple(sorted(cluster.forms)),
                mentions=mentions,
                requested=cluster.requested,
            )
        )
    return tuple(actors)
