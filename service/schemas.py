"""Every marshmallow schema of the API, in request/response pairs; unknown fields are rejected.

Requests load into the library's own input types (``ArticleInput``, ``ActorQuery``); responses dump
the library's frozen result dataclasses by attribute. These classes are also the contract: the
component schemas of ``openapi.yaml`` are generated from them (``python -m service.openapi``), so
a field's ``metadata`` (description, minimum...) is what the document says about it.
``tests/service/test_schemas.py`` walks the dataclass fields so a result field the schemas miss
fails the build.

Response options travel as a value: a response schema is built with ``options=DumpOptions(...)``
and its nested schemas (``Nested`` below) are built with the same options.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    missing,
    post_dump,
    post_load,
    validate,
    validates,
    validates_schema,
)

import scoring
from scoring.actors import ACTOR_TYPES, AFFILIATION_BASES, ActorQuery
from scoring.analyze import ArticleInput
from scoring.attribution import SOURCE_TYPES
from scoring.text.input import MAX_TEXT_CHARS
from scoring.text.quotes import VOICES
from service.config import MAX_BATCH_ITEMS
from service.models import (
    NO_BASELINE,
    OFFSET_UNITS,
    REFERENCE_NAME,
    SEEDS,
    ArticleMeta,
    ArticleRequest,
    DumpOptions,
    Options,
    ReferenceArticle,
    ReferenceRequest,
)

BASELINES = (SEEDS, NO_BASELINE)
# Bounds on the small request fields: generous for a CMS, small enough for sane logs and caches.
MAX_ACTORS = 50
MAX_ALIASES = 20
MAX_NAME_CHARS = 200
MAX_TITLE_CHARS = 1000
MAX_ID_CHARS = 200
MAX_URL_CHARS = 2048
# JSON Schema's spelling of ``_has_content`` (at least one character that is not white space).
HAS_CONTENT = r"\S"
# RFC 3339 date-time, also checked for a real calendar date and time.
DATE_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$"


class StrictBool(fields.Boolean):
    """A JSON boolean only: marshmallow's Boolean also takes "yes", 1 and "false"."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError("Not a valid boolean.")
        return value


def _has_content(text: str) -> None:
    if not text.strip():
        raise ValidationError("must contain more than white space")


def _encodable(text: str) -> None:
    # JSON may carry a lone surrogate ("\\ud800"); it is not a character and has no UTF-8 form.
    if not text.isascii() and any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise ValidationError("contains an unpaired UTF-16 surrogate, which is not a character")


def _calendar_date_time(value: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError as err:
        raise ValidationError("not a valid date-time (RFC 3339)") from err


class Strict(Schema):
    """Base of request schemas: a field the API does not know is an error, not ignored."""

    # Members of which a request must give exactly one (documented as a JSON Schema ``oneOf``).
    ONE_OF: tuple[str, ...] = ()

    class Meta:
        unknown = RAISE


def _text(maximum: int | None = None, *, required: bool = False, **metadata: Any) -> fields.Str:
    """A request string that must hold more than white space and be valid Unicode."""
    return fields.Str(
        required=required,
        validate=[validate.Length(1, maximum), _has_content, _encodable],
        metadata={"pattern": HAS_CONTENT, **metadata},
    )


# Requests ------------------------------------------------------------------------------------


class ActorQuerySchema(Strict):
    class Meta(Strict.Meta):
        description = "An actor you ask about; it is always reported, with no mentions if absent."

    name = _text(MAX_NAME_CHARS, required=True)
    aliases = fields.List(
        _text(MAX_NAME_CHARS), validate=validate.Length(max=MAX_ALIASES), load_default=list
    )
    type = fields.Str(validate=validate.OneOf(ACTOR_TYPES), allow_none=True, load_default=None)

    @validates("name")
    def _has_letter(self, value: str, **_: Any) -> None:
        if not any(ch.isalpha() for ch in value):
            raise ValidationError("An actor's name needs at least one letter.")

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> ActorQuery:
        return ActorQuery(name=data["name"], aliases=tuple(data["aliases"]), type=data["type"])


class OptionsSchema(Strict):
    # Members a request may give one of, or neither (documented as a JSON Schema ``not``).
    NOT_BOTH = ("baseline", "reference")

    evidence = StrictBool(
        load_default=True,
        metadata={
            "description": "false leaves out the evidence lists (actor mentions, hedge cues and "
            "boosters, attributions, tonal words, unattributed claims, per-mention sentiment, "
            "metric evidence); every figure stays."
        },
    )
    offsets = fields.Str(
        validate=validate.OneOf(OFFSET_UNITS),
        load_default="codepoint",
        metadata={
            "description": "utf16 adds start_utf16/end_utf16 beside the code point offsets of "
            "every span."
        },
    )
    include_text = StrictBool(
        load_default=True,
        metadata={
            "description": "false leaves the analysed text out (it is identified by text_sha256)."
        },
    )
    baseline = fields.Str(
        validate=validate.OneOf(BASELINES),
        metadata={
            "description": "seeds compares with the built-in seed set; none skips the "
            "comparison. Without baseline and reference: the deployment's default set."
        },
    )
    reference = fields.Str(
        validate=validate.Regexp(REFERENCE_NAME),
        metadata={
            "pattern": REFERENCE_NAME,
            "description": "The name of a stored reference set (POST /v1/references) to compare "
            "with: 404 if there is none, 409 while it is still fitting.",
        },
    )

    @validates_schema
    def _one_reference(self, data: dict[str, Any], **_: Any) -> None:
        if "baseline" in data and "reference" in data:
            raise ValidationError("give baseline or reference, not both", field_name="reference")

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> Options:
        return Options(**data)


class ArticleSchema(Strict):
    """One article: ``text`` or ``html``, exactly one; the rest optional."""

    ONE_OF = ("text", "html")

    class Meta(Strict.Meta):
        description = "One article; exactly one of `text` and `html`."

    text = _text(
        MAX_TEXT_CHARS,
        description="The article as plain text (analysed exactly as given, so offsets match it).",
    )
    html = _text(
        description="The article as the CMS's HTML body; tags are dropped, entities decoded, "
        "blocks become paragraphs, and offsets refer to that plain text (returned as `text`)."
    )
    title = fields.Str(
        validate=[validate.Length(max=MAX_TITLE_CHARS), _encodable],
        metadata={"description": "Echoed back; not analysed."},
    )
    id = fields.Str(
        validate=[validate.Length(1, MAX_ID_CHARS), _encodable],
        metadata={"description": "Your id; echoed back."},
    )
    url = fields.Str(
        validate=[validate.Length(1, MAX_URL_CHARS), _encodable],
        metadata={"description": "Echoed back; never fetched."},
    )
    published_at = fields.Str(
        validate=[validate.Regexp(DATE_TIME), _calendar_date_time],
        metadata={"format": "date-time", "description": "RFC 3339 date-time; echoed back."},
    )
    actors = fields.List(
        fields.Nested(ActorQuerySchema),
        validate=validate.Length(max=MAX_ACTORS),
        load_default=list,
        metadata={
            "description": "Actors you ask about; each is always reported (with no mentions if "
            "absent)."
        },
    )

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _one_text(self, data: dict[str, Any], original: Any, **_: Any) -> None:
        if not isinstance(original, dict):
            return  # marshmallow already reports the wrong input type
        given = [name for name in self.ONE_OF if name in original]
        if len(given) == 2:
            raise ValidationError("give either text or html, not both", field_name="html")
        if not given:
            raise ValidationError("text or html is required", field_name="text")

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> ArticleRequest:
        is_html = "html" in data
        article = ArticleInput(
            text=data["html"] if is_html else data["text"],
            is_html=is_html,
            actors=tuple(data["actors"]),
        )
        meta = ArticleMeta(**{k: data.get(k) for k in ("id", "title", "url", "published_at")})
        return ArticleRequest(article=article, meta=meta, options=data.get("options", Options()))


class AnalyzeRequestSchema(ArticleSchema):
    """POST /v1/analyze: one article plus options."""

    class Meta(Strict.Meta):
        description = "One article (exactly one of `text` and `html`) and options."

    options = fields.Nested(OptionsSchema, load_default=Options)


class BatchRequestSchema(Strict):
    """POST /v1/analyze/batch: the articles (each checked on its own) and shared options."""

    items = fields.List(
        # Documented as an Article, but any object loads here: each item is checked on its own.
        fields.Dict(
            metadata={"anyOf": [{"$ref": "#/components/schemas/Article"}, {"type": "object"}]}
        ),
        required=True,
        metadata={
            "minItems": 1,
            "maxItems": MAX_BATCH_ITEMS,
            "description": f"1 to {MAX_BATCH_ITEMS} articles (the default limit). Each is checked "
            "on its own: an item that is not a valid Article gets its own problem in the "
            "response, and the others are still scored.",
        },
    )
    options = fields.Nested(OptionsSchema, load_default=Options)

    def __init__(self, *, max_items: int = MAX_BATCH_ITEMS, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_items = max_items

    @validates("items")
    def _count(self, items: list[Any], **_: Any) -> None:
        if not 1 <= len(items) <= self.max_items:
            raise ValidationError(f"give 1 to {self.max_items} items; got {len(items)}")


# Responses -----------------------------------------------------------------------------------


class Out(Schema):
    """Base of response schemas, built with the response options they dump by.

    Every field is always written except those in ``EVIDENCE`` (dropped when evidence is turned
    off) and ``OPTIONAL`` (written only in some cases); the generated contract marks the rest
    required.
    """

    EVIDENCE: tuple[str, ...] = ()
    OPTIONAL: tuple[str, ...] = ()
    ONE_OF: tuple[str, ...] = ()

    def __init__(self, *, options: DumpOptions | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options or DumpOptions()

    @post_dump
    def _drop_evidence(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if self.EVIDENCE and not self.options.evidence:
            for name in self.EVIDENCE:
                data.pop(name, None)
        return data


class Nested(fields.Nested):
    """A nested response schema, built with the dump options of the schema that holds it."""

    @property
    def schema(self) -> Schema:
        if not self._schema and isinstance(self.nested, type) and issubclass(self.nested, Out):
            holder = self.root
            options = holder.options if isinstance(holder, Out) else None
            self._schema = self.nested(options=options, many=bool(self.many))
        return super().schema


class Dumped(Nested):
    """A part already dumped by its own schema instance (each batch result has its own offsets
    table); documented as that schema, written as is."""

    def _serialize(self, nested_obj: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return nested_obj


class Pairs(fields.Field[dict[str, Any]]):
    """A tuple of (name, count) pairs, written as a JSON object."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> dict[str, Any]:
        return dict(value)


def _counts() -> Pairs:
    return Pairs(
        metadata={
            "description": "Counts by name (category, kind or source type).",
            "additionalProperties": {"type": "integer", "minimum": 0},
        }
    )


def _count(description: str | None = None) -> fields.Int:
    """A count or an index: an integer from 0."""
    return fields.Int(
        metadata={"minimum": 0, **({"description": description} if description else {})}
    )


def _str(description: str) -> fields.Str:
    return fields.Str(metadata={"description": description})


class SpanSchema(Out):
    OPTIONAL = ("start_utf16", "end_utf16")

    class Meta:
        description = "A stretch of the plain text, with the context to re-anchor it in HTML."

    start = _count("First code point (0-based).")
    end = _count("One past the last code point.")
    exact = fields.Str()
    prefix = _str("Up to 32 characters before the span.")
    suffix = _str("Up to 32 characters after the span.")
    start_utf16 = fields.Method(
        "_start_utf16",
        metadata={"type": "integer", "minimum": 0, "description": "Only with offsets: utf16."},
    )
    end_utf16 = fields.Method(
        "_end_utf16",
        metadata={"type": "integer", "minimum": 0, "description": "Only with offsets: utf16."},
    )

    def _start_utf16(self, span: Any) -> Any:
        utf16 = self.options.utf16
        return missing if utf16 is None else utf16(span.start)

    def _end_utf16(self, span: Any) -> Any:
        utf16 = self.options.utf16
        return missing if utf16 is None else utf16(span.end)


def _span(**kwargs: Any) -> Nested:
    return Nested(SpanSchema, **kwargs)


def _spans(**kwargs: Any) -> fields.List[Any]:
    return fields.List(Nested(SpanSchema), **kwargs)


class MentionSchema(Out):
    span = _span()
    sentence = _count()
    form = _str(
        "How the text names the actor (name, demonym, metonym, alias...; pronoun and nominal "
        "for a pronoun or a role noun such as 'the senator' resolved to it)."
    )


class AffiliationSchema(Out):
    actor_id = _str("The actor the person speaks for: an organisation, country or group.")
    basis = fields.Str(
        validate=validate.OneOf(AFFILIATION_BASES),
        metadata={
            "description": "title: the actor is named in the person's title or apposition "
            "('a spokeswoman for the alliance'); party: a party tag or party word "
            "('D-Ore.', 'Republican Sen.') ties the person to the article's group of that party."
        },
    )
    span = _span()


class ActorSchema(Out):
    EVIDENCE = ("mentions",)
    id = _str("Unique within this report.")
    key = _str("Matches the same actor across articles, e.g. person:putin.")
    name = fields.Str()
    type = fields.Str()
    aliases = fields.List(fields.Str())
    mentions = fields.List(Nested(MentionSchema))
    requested = fields.Bool(metadata={"description": "You asked about this actor."})
    affiliations = fields.List(
        Nested(AffiliationSchema),
        metadata={
            "description": "For a person: the organisations, countries and party groups of this "
            "article the text says the person speaks for, with the words that say so; empty when "
            "the text says nothing (never guessed)."
        },
    )


class HedgeCueSchema(Out):
    span = _span()
    category = fields.Str()
    sentence = _count()
    voice = fields.Str(
        validate=validate.OneOf(VOICES),
        metadata={
            "description": "Whose words: the narrator's, a speaker's own between quotation "
            "marks (quoted), or a speaker's claim in the narrator's paraphrase (reported)."
        },
    )
    hearsay = fields.Bool(
        metadata={
            "description": 'The cue passes a claim on from an unnamed source ("reportedly", "is '
            'said to"); one that no attribution covers makes its sentence an unattributed claim.'
        }
    )


class HedgingSchema(Out):
    EVIDENCE = ("cues", "boosters", "conditionals")
    cues = fields.List(Nested(HedgeCueSchema))
    boosters = fields.List(Nested(HedgeCueSchema))
    conditionals = fields.List(
        Nested(HedgeCueSchema),
        metadata={
            "description": 'Conditions ("if", "unless", "whether"), listed apart: a condition '
            "is not a hedge and never counts in the hedging figures."
        },
    )
    narrator_words = _count()
    hedged_sentences = _count()
    per_100_words = fields.Float()
    narrator_per_100_words = fields.Float()
    hedged_sentence_share = fields.Float()
    by_category = _counts()


class AttributionSchema(Out):
    kind = _str("direct, indirect, according_to...")
    source = _span(allow_none=True)
    source_type = fields.Str(
        validate=validate.OneOf(SOURCE_TYPES),
        metadata={
            "description": "Who is quoted: a named person or organisation, an anonymous one "
            "(officials, a spokesman), a vague one (some say, critics argue, it is believed), a "
            "document..."
        },
    )
    source_actor = fields.Str(
        allow_none=True, metadata={"description": "Id of the actor who is the source."}
    )
    cue = _span(allow_none=True)
    content = _span()
    pieces = _spans(
        metadata={
            "description": "The content's parts without the cue: a split or continued quote's "
            "quoted parts, else the content."
        }
    )
    sentence = _count()
    words = _count()


class SourceSchema(Out):
    name = fields.Str()
    source_type = fields.Str(validate=validate.OneOf(SOURCE_TYPES))
    actor_id = fields.Str(allow_none=True)
    attributions = _count()
    quoted_words = _count()


class VoiceShareSchema(Out):
    actor_id = fields.Str()
    quoted_words = _count()
    share = fields.Float(metadata={"description": "Share of all directly quoted words (0..1)."})


class AttributionResultSchema(Out):
    EVIDENCE = ("attributions",)
    attributions = fields.List(Nested(AttributionSchema))
    sources = fields.List(Nested(SourceSchema))
    attributed_sentences = _count()
    per_100_words = fields.Float()
    sentence_share = fields.Float()
    by_kind = _counts()
    by_source_type = _counts()
    distinct_sources = _count()
    anonymous_share = fields.Float()
    vague_share = fields.Float(
        metadata={
            "description": "Share of attributions to vague sources (some say, critics argue, "
            "it is believed)."
        }
    )
    voice_share = fields.List(Nested(VoiceShareSchema))
    quoted_words = _count()


class TonalWordSchema(Out):
    span = _span()
    weight = fields.Float(
        metadata={"description": "VADER valence, sign flipped when negated (-4..4)."}
    )


class ToneSchema(Out):
    EVIDENCE = ("tonal_words",)

    class Meta:
        description = "GDELT-style document tone (not GDELT-calibrated)."

    tone = fields.Float(metadata={"description": "positive% - negative%."})
    positive = fields.Float()
    negative = fields.Float()
    polarity = fields.Float(metadata={"description": "Share of words with tonal weight."})
    tonal_words = fields.List(Nested(TonalWordSchema))


class ArticleValueSchema(Out):
    id = fields.Str()
    value = fields.Float()


class ReferenceStatsSchema(Out):
    min = fields.Float()
    max = fields.Float()
    mean = fields.Float()
    std = fields.Float(metadata={"description": "Sample standard deviation."})
    values = fields.List(Nested(ArticleValueSchema))


class ReferenceInfoSchema(Out):
    name = fields.Str()
    version = fields.Str()
    fingerprint = fields.Str()
    catalogue_version = fields.Str()
    size = _count()
    ids = fields.List(fields.Str())
    caveat = fields.Str()


class MetricComparisonSchema(Out):
    EVIDENCE = ("evidence",)
    id = fields.Str()
    name = fields.Str()
    unit = fields.Str()
    value = fields.Float()
    reference = Nested(ReferenceStatsSchema)
    position = _str("below, within or above the reference range.")
    z_score = fields.Float(allow_none=True)
    percentile = fields.Float()
    band = _str("low, typical or high relative to the reference.")
    explanation = fields.Str()
    evidence = fields.List(fields.Str())


class ActorComparisonSchema(Out):
    actor_id = fields.Str()
    key = fields.Str()
    name = fields.Str()
    value = fields.Float()
    reference = Nested(ReferenceStatsSchema)
    position = fields.Str()
    band = fields.Str()
    explanation = fields.Str()


class CompositeInputSchema(Out):
    metric_id = fields.Str()
    value = fields.Float()


class CompositeScoreSchema(Out):
    id = fields.Str()
    name = fields.Str()
    value = fields.Float()
    formula = fields.Str()
    inputs = fields.List(Nested(CompositeInputSchema))
    reference = Nested(ReferenceStatsSchema)
    position = fields.Str()
    band = fields.Str()
    explanation = fields.Str()


class ContributorSchema(Out):
    metric_id = fields.Str()
    name = fields.Str()
    standardized = fields.Float()
    share = fields.Float()


class DistanceSchema(Out):
    value = fields.Float(allow_none=True)
    percentile = fields.Float(allow_none=True)
    reference = fields.List(Nested(ArticleValueSchema))
    contributors = fields.List(Nested(ContributorSchema))
    explanation = fields.Str()


class TopicalFitSchema(Out):
    similarity = fields.Float(
        metadata={"description": "Cosine to the reference centroid; decides the warning."}
    )
    max_similarity = fields.Float()
    mean_similarity = fields.Float()
    threshold = fields.Float()
    most_similar = fields.Str()
    similarities = fields.List(Nested(ArticleValueSchema))
    topic_terms = fields.List(fields.Str())
    warning = fields.Str(allow_none=True)


class ComparisonSchema(Out):
    reference = Nested(ReferenceInfoSchema)
    metrics = fields.List(Nested(MetricComparisonSchema))
    composites = fields.List(Nested(CompositeScoreSchema))
    actors = fields.List(Nested(ActorComparisonSchema))
    distance = Nested(DistanceSchema)
    topical_fit = Nested(TopicalFitSchema)
    warnings = fields.List(fields.Str())


class VersionsSchema(Out):
    # The library and the service are one distribution, so one version (the package metadata's).
    service = fields.Function(lambda _: scoring.__version__, metadata={"type": "string"})
    scoring = fields.Str()
    pipeline = fields.Str()
    lexicons = fields.Str()
    sentiment_model = fields.Str()
    baseline = fields.Str(
        allow_none=True,
        metadata={
            "description": "Version of the reference set (name@fingerprint), null without one."
        },
    )


class MentionSentimentSchema(Out):
    EVIDENCE = ("words",)

    class Meta:
        description = "How one mention is portrayed, with the words that drove it."

    mention = _span()
    score = fields.Float(metadata={"minimum": -1, "maximum": 1})
    label = fields.Str()
    voice = fields.Str(
        validate=validate.OneOf(VOICES),
        metadata={
            "description": "Whose words: the narrator's, a speaker's own between quotation "
            "marks (quoted), or a speaker's claim in the narrator's paraphrase (reported)."
        },
    )
    speaker = fields.Str(
        allow_none=True, metadata={"description": "Actor id of the quoted speaker."}
    )
    words = _spans()


class SentimentSummarySchema(Out):
    class Meta:
        description = (
            "Mention sentiment aggregated (mean score, 0.0 without mentions) and label counts."
        )

    score = fields.Float(metadata={"minimum": -1, "maximum": 1})
    label = fields.Str()
    mentions = _count()
    negative = _count()
    neutral = _count()
    positive = _count()


class SpeakerToneSchema(Out):
    EVIDENCE = ("words",)

    class Meta:
        description = (
            "Sentiment by the actor, the tone of its own quoted words (higher is more positive)."
        )

    score = fields.Float(metadata={"minimum": -1, "maximum": 1})
    label = fields.Str()
    quoted_words = _count()
    quotes = _count()
    words = _spans()


class ActorSentimentSchema(Out):
    EVIDENCE = ("evidence",)

    class Meta:
        description = (
            "Sentiment toward an actor (overall, in the narrator's voice, in quoted speakers' "
            "words) and by the actor, with per-mention evidence."
        )

    actor_id = fields.Str()
    toward = Nested(SentimentSummarySchema)
    toward_narrator = Nested(SentimentSummarySchema)
    toward_quoted = Nested(SentimentSummarySchema)
    by = Nested(SpeakerToneSchema)
    evidence = fields.List(Nested(MentionSentimentSchema))


class ArticleMetaSchema(Out):
    class Meta:
        description = "What you sent about the article, echoed back (null when not sent)."

    id = fields.Str(allow_none=True)
    title = fields.Str(allow_none=True)
    url = fields.Str(allow_none=True)
    published_at = fields.Str(allow_none=True)


class ArticleResultSchema(Out):
    """One scored article: the library's ``Report`` (its ``analysis`` flattened) and the echo."""

    EVIDENCE = ("unattributed_claims",)
    OPTIONAL = ("text",)

    class Meta:
        description = (
            "One scored article: versions, the analysed text (or its hash), every metric with its "
            "evidence, the comparison with the reference set, warnings."
        )

    article = Nested(ArticleMetaSchema, attribute="meta")
    cached = fields.Bool(metadata={"description": "Served from the cache of identical requests."})
    versions = Nested(VersionsSchema, attribute="report.versions")
    text_sha256 = fields.Str(
        attribute="report.text_sha256",
        metadata={"pattern": "^[0-9a-f]{64}$", "description": "SHA-256 of the UTF-8 plain text."},
    )
    text_length = fields.Int(
        attribute="report.text_length",
        metadata={"minimum": 1, "description": "Length of the plain text in code points."},
    )
    text = fields.Str(
        attribute="report.text",
        metadata={
            "description": "The plain text all offsets refer to (unless include_text: false)."
        },
    )
    offsets = fields.Str(attribute="options.offsets", metadata={"enum": list(OFFSET_UNITS)})
    captions = fields.List(
        fields.Str(),
        attribute="report.captions",
        metadata={"description": "Figure captions of an HTML body, set apart and not analysed."},
    )
    words = fields.Int(attribute="report.analysis.words", metadata={"minimum": 0})
    sentences = fields.Int(attribute="report.analysis.sentences", metadata={"minimum": 0})
    actors = fields.List(Nested(ActorSchema), attribute="report.analysis.actors")
    sentiment = fields.List(Nested(ActorSentimentSchema), attribute="report.analysis.sentiment")
    hedging = Nested(HedgingSchema, attribute="report.analysis.hedging")
    attribution = Nested(AttributionResultSchema, attribute="report.analysis.attribution")
    unattributed_claims = _spans(
        attribute="report.analysis.unattributed_claims",
        metadata={"description": "Claims stated as fact with neither a source nor a hedge."},
    )
    tone = Nested(ToneSchema, attribute="report.analysis.tone")
    comparison = Nested(ComparisonSchema, attribute="report.comparison", allow_none=True)
    warnings = fields.List(fields.Str(), attribute="report.warnings")

    @post_dump
    def _drop_text(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if not self.options.include_text:
            data.pop("text", None)
        return data


class AnalyzeResponseSchema(ArticleResultSchema):
    class Meta:
        description = "The scored article and the request id."

    request_id = fields.Str()


class FieldErrorSchema(Out):
    pointer = _str("JSON pointer (RFC 6901) into the request body.")
    detail = fields.Str()


class ProblemSchema(Out):
    """A problem object as built by ``service.problems.problem_body`` (dumped as is)."""

    OPTIONAL = ("errors",)

    class Meta:
        description = (
            "RFC 9457 problem details. `type` is a tag URI naming the kind of problem (not meant "
            "to be fetched); `code` is its stable last segment; `instance` is the request path."
        )

    type = fields.Str()
    title = fields.Str()
    status = fields.Int(metadata={"minimum": 400, "maximum": 599})
    detail = fields.Str()
    instance = fields.Str()
    code = fields.Str()
    request_id = fields.Str()
    errors = fields.List(
        Nested(FieldErrorSchema),
        metadata={"description": "Only on 422; one entry per invalid part of the request."},
    )


class BatchItemSchema(Out):
    """One batch item: ``result`` when it was scored, else ``problem`` (never both)."""

    OPTIONAL = ONE_OF = ("result", "problem")

    class Meta:
        description = "One batch item, in request order; `result` when scored, else `problem`."

    index = _count()
    status = fields.Int(
        metadata={"description": "200, or the status the problem would have alone."}
    )
    result = Dumped(ArticleResultSchema)
    problem = Nested(ProblemSchema)

    @post_dump
    def _one_of(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {k: v for k, v in data.items() if v is not None}


class BatchResponseSchema(Out):
    request_id = fields.Str()
    count = fields.Function(
        lambda batch: len(batch.items), metadata={"type": "integer", "minimum": 1}
    )
    failed = fields.Function(
        lambda batch: sum(1 for item in batch.items if "problem" in item),
        metadata={"type": "integer", "minimum": 0},
    )
    items = fields.List(Dumped(BatchItemSchema))


class FigureSummarySchema(Out):
    id = fields.Str()
    name = fields.Str()
    unit = fields.Str()
    reference = Nested(ReferenceStatsSchema)


class ActorSummarySchema(Out):
    key = fields.Str()
    name = fields.Str()
    reference = Nested(ReferenceStatsSchema)


class BaselineResponseSchema(Out):
    """GET /v1/baseline: the library's ``ReferenceSummary``."""

    reference = Nested(ReferenceInfoSchema)
    metrics = fields.List(Nested(FigureSummarySchema))
    composites = fields.List(Nested(FigureSummarySchema))
    actors = fields.List(Nested(ActorSummarySchema))
    topic_terms = fields.List(fields.Str())


class CatalogueEntrySchema(Out):
    id = fields.Str()
    kind = fields.Str(metadata={"enum": ["metric", "composite"]})
    name = fields.Str()
    unit = fields.Str()
    direction = _str("What a higher value means.")
    formula = fields.Str()
    explanation = _str("Template of the one-line explanation.")
    inputs = fields.List(fields.Str(), metadata={"description": "Metric ids a composite uses."})


class MetricsResponseSchema(Out):
    """GET /v1/metrics: the catalogue of every metric and composite score."""

    metrics = fields.List(Nested(CatalogueEntrySchema))


class LimitsSchema(Out):
    max_body_bytes = fields.Int(metadata={"minimum": 1})
    max_text_chars = fields.Int(metadata={"minimum": 1})
    max_batch_items = fields.Int(metadata={"minimum": 1})
    time_budget_s = fields.Float(
        allow_none=True,
        metadata={"description": "Seconds of analysis one request may spend (its items share it)."},
    )
    max_analysed_chars = fields.Int(
        metadata={
            "minimum": 0,
            "description": "The longest article this server analyses: the text limit, or less "
            "where the time budget allows less (longer ones get 422 over-time-budget).",
        }
    )


class InfoResponseSchema(Out):
    """GET /v1/info: versions, limits, reference sets and option values."""

    versions = Nested(VersionsSchema)
    limits = Nested(LimitsSchema)
    baselines = fields.List(
        fields.Str(), metadata={"description": "Values options.baseline takes."}
    )
    offsets = fields.List(fields.Str())
    auth = fields.Bool(metadata={"description": "Whether /v1 routes need an API key."})
    cache_size = _count()


class HealthResponseSchema(Out):
    status = fields.Str(metadata={"enum": ["ok", "ready"]})
    checks = fields.Dict(keys=fields.Str(), values=fields.Bool())


# Reference sets ------------------------------------------------------------------------------

# Fewest articles a stored reference set may have: the distance needs three.
MIN_REFERENCE_ARTICLES = 3
MAX_DESCRIPTION_CHARS = 2000
REFERENCE_STATUSES = ("fitting", "ready", "failed")


class ReferenceArticleSchema(Strict):
    """One article of a reference set: ``text`` or ``html``, exactly one, and an optional id."""

    ONE_OF = ("text", "html")

    class Meta(Strict.Meta):
        description = "One reference article; exactly one of `text` and `html`."

    id = fields.Str(
        validate=[validate.Length(1, MAX_ID_CHARS), _encodable],
        metadata={"description": "Its id in the set (default: article-1, article-2, ...)."},
    )
    text = _text(MAX_TEXT_CHARS, description="The article as plain text.")
    html = _text(description="The article as the CMS's HTML body.")

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _one_text(self, data: dict[str, Any], original: Any, **_: Any) -> None:
        ArticleSchema._one_text(self, data, original)  # type: ignore[arg-type]

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return data


class ReferenceCreateSchema(Strict):
    """POST /v1/references: a name, a description, and the articles (inline or stored ids)."""

    ONE_OF = ("articles", "article_ids")

    class Meta(Strict.Meta):
        description = (
            "A named reference set; exactly one of `articles` (texts or HTML) and `article_ids` "
            "(articles stored with PUT /v1/articles/{id}, their latest revision's text)."
        )

    name = fields.Str(
        required=True,
        validate=validate.Regexp(REFERENCE_NAME),
        metadata={"pattern": REFERENCE_NAME, "description": "The set's name, as used in URLs."},
    )
    description = fields.Str(
        load_default="",
        validate=[validate.Length(max=MAX_DESCRIPTION_CHARS), _encodable],
        metadata={"description": "What the set is: a desk, a beat, an outlet."},
    )
    articles = fields.List(
        fields.Nested(ReferenceArticleSchema),
        metadata={"minItems": MIN_REFERENCE_ARTICLES, "maxItems": 2000},
    )
    article_ids = fields.List(
        fields.Str(validate=[validate.Length(1, MAX_ID_CHARS), _encodable]),
        metadata={"minItems": MIN_REFERENCE_ARTICLES, "maxItems": 2000, "uniqueItems": True},
    )

    def __init__(self, *, max_articles: int = 2000, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_articles = max_articles

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _one_source(self, data: dict[str, Any], original: Any, **_: Any) -> None:
        if not isinstance(original, dict):
            return
        given = [name for name in self.ONE_OF if name in original]
        if len(given) == 2:
            raise ValidationError("give articles or article_ids, not both", "article_ids")
        if not given:
            raise ValidationError("articles or article_ids is required", "articles")
        items = data.get(given[0])
        if items is None:
            return  # the field's own error is reported
        if not MIN_REFERENCE_ARTICLES <= len(items) <= self.max_articles:
            raise ValidationError(
                f"a reference set needs {MIN_REFERENCE_ARTICLES} to {self.max_articles} "
                f"articles; got {len(items)}",
                given[0],
            )
        if given[0] == "article_ids" and len(set(items)) != len(items):
            raise ValidationError("article ids must be unique", "article_ids")
        ids = [item.get("id") for item in items] if given[0] == "articles" else []
        named = [id for id in ids if id is not None]
        if len(set(named)) != len(named):
            raise ValidationError("article ids must be unique within the set", "articles")

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> ReferenceRequest:
        articles = tuple(
            ReferenceArticle(
                id=item.get("id") or f"article-{number}",
                text=item.get("html") or item["text"],
                is_html="html" in item,
            )
            for number, item in enumerate(data.get("articles", ()), start=1)
        )
        if len({a.id for a in articles}) != len(articles):
            raise ValidationError("article ids must be unique within the set", "articles")
        return ReferenceRequest(
            name=data["name"],
            description=data["description"],
            articles=articles,
            article_ids=tuple(data.get("article_ids", ())),
        )


class ReferenceSetSchema(Out):
    """A stored (or the built-in) reference set: its state and, once fitted, its statistics."""

    OPTIONAL = ("summary",)

    class Meta:
        description = (
            "A reference set. `status` fitting: `done` of `size` articles analysed so far; "
            "ready: `summary` holds its per-metric statistics, actors and topic; failed: `error`."
        )

    name = fields.Str()
    description = fields.Str()
    builtin = fields.Bool(metadata={"description": "The seed set shipped with the service."})
    status = fields.Str(metadata={"enum": list(REFERENCE_STATUSES)})
    size = fields.Int(metadata={"minimum": 1, "description": "Articles in the set."})
    done = _count()
    progress = fields.Float(metadata={"minimum": 0, "maximum": 1})
    error = fields.Str(allow_none=True)
    version = fields.Str(allow_none=True, metadata={"description": "name@fingerprint once fitted."})
    topic_terms = fields.List(fields.Str(), metadata={"description": "Its heaviest words."})
    created_at = fields.DateTime(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)
    href = fields.Str(metadata={"description": "Where to GET it."})
    summary = Nested(BaselineResponseSchema)


class ReferenceListSchema(Out):
    """GET /v1/references: the built-in seeds and every stored set (without statistics)."""

    default = fields.Str(metadata={"description": "The set a request uses when it names none."})
    references = fields.List(Nested(ReferenceSetSchema))


# Articles and revisions ----------------------------------------------------------------------


class ArticlePutSchema(AnalyzeRequestSchema):
    """PUT /v1/articles/{id}: the draft as POST /v1/analyze takes it (the id is the path's)."""

    class Meta(Strict.Meta):
        description = (
            "A draft of the article (exactly one of `text` and `html`) and options; `id`, if "
            "given, must equal the path's."
        )


def revision_path(article_id: str, number: int) -> str:
    """The revision's path, the id percent-encoded: any character may be in an id, and a
    Location header must not carry a line break."""
    return f"/v1/articles/{quote(article_id, safe='')}/revisions/{number}"


class RevisionSchema(Out):
    class Meta:
        description = "One stored revision of an article."

    article_id = fields.Str()
    number = fields.Int(metadata={"minimum": 1})
    created_at = fields.DateTime()
    text_sha256 = fields.Str(metadata={"pattern": "^[0-9a-f]{64}$"})
    input_sha256 = fields.Str(
        metadata={"pattern": "^[0-9a-f]{64}$", "description": "Hash of text, kind, actors, set."}
    )
    reference = fields.Str(metadata={"description": "The reference set it was compared with."})
    href = fields.Function(
        lambda r: revision_path(r.article_id, r.number), metadata={"type": "string"}
    )


class ArticleRevisionSchema(Out):
    """PUT /v1/articles/{id} and GET .../revisions/{n}: a revision and its stored report."""

    class Meta:
        description = (
            "A revision and its report (the analysed text is in it only when the service stores "
            "text). `unchanged`: the same draft was stored before and is answered from storage."
        )

    revision = Nested(RevisionSchema)
    unchanged = fields.Bool()
    report = Dumped(ArticleResultSchema, attribute="revision.report")


class ArticleHistorySchema(Out):
    """GET /v1/articles/{id}: the latest report and every revision."""

    id = fields.Str()
    revisions = fields.List(Nested(RevisionSchema))
    latest = Dumped(ArticleResultSchema, metadata={"description": "The latest revision's report."})


class FigureChangeSchema(Out):
    id = fields.Str()
    name = fields.Str()
    before = fields.Float()
    after = fields.Float()
    change = fields.Float()


class ActorChangeSchema(Out):
    key = fields.Str()
    name = fields.Str()
    status = fields.Str(metadata={"enum": ["new", "dropped", "changed"]})
    toward_before = fields.Float(allow_none=True)
    toward_after = fields.Float(allow_none=True)
    change = fields.Float(allow_none=True)
    by_before = fields.Float(allow_none=True)
    by_after = fields.Float(allow_none=True)


class QuoteChangeSchema(Out):
    kind = fields.Str(metadata={"enum": ["direct", "indirect", "according_to"]})
    source = fields.Str(allow_none=True)
    content = fields.Str()


class RevisionDiffSchema(Out):
    """GET /v1/articles/{id}/diff?from=&to=: what moved between two revisions."""

    class Meta:
        description = (
            "What moved between two revisions: figures that changed, sentiment toward and by each "
            "actor (new, dropped or changed), and quotes (attributed statements, direct or "
            "reported) added or dropped."
        )

    article_id = fields.Str()
    from_revision = fields.Int(metadata={"minimum": 1})
    to_revision = fields.Int(metadata={"minimum": 1})
    text_changed = fields.Bool()
    figures = fields.List(Nested(FigureChangeSchema))
    actors = fields.List(Nested(ActorChangeSchema))
    quotes_added = fields.List(Nested(QuoteChangeSchema))
    quotes_dropped = fields.List(Nested(QuoteChangeSchema))


# Background jobs and their callbacks -----------------------------------------------------------

JOB_STATUSES = ("queued", "running", "done", "failed")
JOB_KINDS = ("articles", "ghost")
DELIVERY_EVENTS = ("job.item.completed", "job.completed")
MAX_JOB_ARTICLES = 10_000


class JobCreateSchema(Strict):
    """POST /v1/jobs: articles to analyse and/or a reference set to fit, and where to call back."""

    class Meta(Strict.Meta):
        description = (
            "A background job: `articles` to analyse (each as POST /v1/analyze takes one, without "
            "options), and/or a `reference` set to fit first (as POST /v1/references takes it); "
            "`options` apply to every article. With `callback_url`, each article's result and the "
            "job's end are POSTed there, signed (Standard Webhooks)."
        )

    articles = fields.List(
        fields.Dict(metadata={"anyOf": [{"$ref": "#/components/schemas/Article"}]}),
        load_default=list,
        metadata={
            "maxItems": MAX_JOB_ARTICLES,
            "description": f"0 to {MAX_JOB_ARTICLES} articles (the default limit), analysed in "
            "order; each must be a valid Article (the whole job is refused, with a pointer to "
            "each invalid one, otherwise).",
        },
    )
    options = fields.Nested(OptionsSchema, load_default=Options)
    reference = fields.Nested(ReferenceCreateSchema)
    callback_url = fields.Str(
        validate=[validate.Length(1, MAX_URL_CHARS), _encodable],
        metadata={
            "format": "uri",
            "description": "http(s) URL on a host of the deployment's allow-list "
            "(NEWSMETRICS_CALLBACK_HOSTS); never an IP address.",
        },
    )

    def __init__(self, *, max_articles: int = MAX_JOB_ARTICLES, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_articles = max_articles

    @validates("articles")
    def _articles(self, articles: list[Any], **_: Any) -> None:
        if len(articles) > self.max_articles:
            raise ValidationError(f"give at most {self.max_articles} articles; got {len(articles)}")
        errors = {}
        for index, item in enumerate(articles):
            try:
                ArticleSchema().load(item)
            except ValidationError as err:
                errors[index] = err.messages
        if errors:
            raise ValidationError(errors)

    @validates_schema(skip_on_field_errors=True)
    def _something(self, data: dict[str, Any], **_: Any) -> None:
        if not data.get("articles") and "reference" not in data:
            raise ValidationError("give articles, a reference to fit, or both", "articles")


class JobCallbackStateSchema(Out):
    url = fields.Str()
    pending = _count("Callbacks not delivered yet (retried with backoff).")
    delivered = _count()
    failed = _count("Callbacks given up on after the last attempt.")


class JobReferenceSchema(Out):
    name = fields.Str()
    href = fields.Str()


class JobSchema(Out):
    """GET /v1/jobs/{id}: a job's state, progress, and where its results are."""

    OPTIONAL = ("callback", "reference")

    class Meta:
        description = (
            "A background job. `status` queued: waiting for a worker; running: `done` of `total` "
            "articles analysed (`failed` of them got a problem instead of a result); done: every "
            "article has its result or problem at `results_href`; failed: the reference set to "
            "fit could not be (`error`)."
        )

    id = fields.Str()
    kind = fields.Str(metadata={"enum": list(JOB_KINDS)})
    status = fields.Str(metadata={"enum": list(JOB_STATUSES)})
    total = _count("Articles in the job.")
    done = _count("Articles analysed so far (results and problems).")
    failed = _count("Articles that got a problem instead of a result.")
    progress = fields.Float(metadata={"minimum": 0, "maximum": 1})
    error = fields.Str(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    href = fields.Str()
    results_href = fields.Str(metadata={"description": "Where to GET the stored results."})
    reference = Nested(JobReferenceSchema, metadata={"description": "The set fitted first."})
    callback = Nested(JobCallbackStateSchema)


class JobItemSchema(Out):
    """One article of a job: ``result`` (an article job), ``revision`` (a Ghost post, stored as
    an article revision) or ``problem``."""

    OPTIONAL = ONE_OF = ("result", "revision", "problem")

    class Meta:
        description = (
            "One article of a job, by its position in the request: `result` when scored (the "
            "report as POST /v1/analyze gives it), `revision` for a Ghost post (stored under the "
            "post id), else `problem`."
        )

    index = _count()
    status = fields.Int(metadata={"description": "200, or the status the problem would have."})
    result = Dumped(ArticleResultSchema)
    revision = Dumped(RevisionSchema)
    problem = Dumped(ProblemSchema)

    @post_dump
    def _one_of(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {k: v for k, v in data.items() if v is not None}


class JobResultsSchema(Out):
    """GET /v1/jobs/{id}/results: a page of stored results, by position."""

    OPTIONAL = ("next",)

    job_id = fields.Str()
    items = fields.List(Dumped(JobItemSchema))
    next = fields.Str(
        allow_none=True, metadata={"description": "The next page, or null after the last."}
    )


class JobItemEventSchema(JobItemSchema):
    class Meta:
        description = "A job's article, as the callback carries it: its job id and its item."

    job_id = fields.Str()


class JobItemCallbackSchema(Out):
    """The body of a ``job.item.completed`` callback."""

    class Meta:
        description = (
            "Sent when one article of a job is analysed. Signed per Standard Webhooks: headers "
            "`webhook-id` (the same on every retry: drop repeats), `webhook-timestamp`, "
            "`webhook-signature`."
        )

    type = fields.Str(metadata={"enum": ["job.item.completed"]})
    timestamp = fields.DateTime()
    data = Dumped(JobItemEventSchema)


class JobCallbackSchema(Out):
    """The body of a ``job.completed`` callback."""

    class Meta:
        description = (
            "Sent when a job ends (done or failed); queued after its articles' callbacks, which "
            "may still be retrying."
        )

    type = fields.Str(metadata={"enum": ["job.completed"]})
    timestamp = fields.DateTime()
    data = Dumped(JobSchema)


class GhostAckSchema(Out):
    """POST /v1/integrations/ghost: what was done with the webhook."""

    OPTIONAL = ("job",)

    class Meta:
        description = (
            "`queued`: the post's version will be scored in the background and stored as a "
            "revision of the article named by the post id; `duplicate`: this version was queued "
            "before; `ignored`: nothing to score (a deleted post, or no HTML)."
        )

    status = fields.Str(metadata={"enum": ["queued", "duplicate", "ignored"]})
    article_id = fields.Str(allow_none=True)
    article_href = fields.Str(allow_none=True)
    job = Dumped(JobSchema)
