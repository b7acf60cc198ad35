"""Every marshmallow schema of the API, in request/response pairs; unknown fields are rejected.

Requests load into the library's own input types (``ArticleInput``, ``ActorQuery``); responses dump
the library's frozen result dataclasses by attribute. ``tests/service/test_schemas.py`` walks the
dataclass fields so a result field the schemas miss fails the build.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app, g
from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_dump,
    post_load,
    validate,
    validates,
    validates_schema,
)

from scoring.actors import ACTOR_TYPES, ActorQuery
from scoring.analyze import ArticleInput
from scoring.text.input import MAX_TEXT_CHARS
from service.models import (
    NO_BASELINE,
    OFFSET_UNITS,
    SEEDS,
    ArticleMeta,
    ArticleRequest,
    Dumping,
    DumpOptions,
    Options,
)

BASELINES = (SEEDS, NO_BASELINE)
# Bounds on the small request fields: generous for a CMS, small enough for sane logs and caches.
MAX_ACTORS = 50
MAX_ALIASES = 20
MAX_NAME_CHARS = 200
MAX_TITLE_CHARS = 1000
MAX_ID_CHARS = 200
MAX_URL_CHARS = 2048
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

    class Meta:
        unknown = RAISE


# Requests ------------------------------------------------------------------------------------


class ActorQuerySchema(Strict):
    name = fields.Str(
        required=True, validate=[validate.Length(1, MAX_NAME_CHARS), _has_content, _encodable]
    )
    aliases = fields.List(
        fields.Str(validate=[validate.Length(1, MAX_NAME_CHARS), _has_content, _encodable]),
        validate=validate.Length(max=MAX_ALIASES),
        load_default=list,
    )
    type = fields.Str(validate=validate.OneOf(ACTOR_TYPES), allow_none=True, load_default=None)

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> ActorQuery:
        return ActorQuery(name=data["name"], aliases=tuple(data["aliases"]), type=data["type"])


class OptionsSchema(Strict):
    evidence = StrictBool(load_default=True)
    offsets = fields.Str(validate=validate.OneOf(OFFSET_UNITS), load_default="codepoint")
    include_text = StrictBool(load_default=True)
    baseline = fields.Str(validate=validate.OneOf(BASELINES), load_default=SEEDS)

    @post_load
    def _make(self, data: dict[str, Any], **_: Any) -> Options:
        return Options(**data)


class ArticleSchema(Strict):
    """One article: ``text`` or ``html``, exactly one; the rest optional."""

    text = fields.Str(validate=[validate.Length(1, MAX_TEXT_CHARS), _has_content, _encodable])
    html = fields.Str(validate=[validate.Length(min=1), _has_content, _encodable])
    title = fields.Str(validate=validate.Length(max=MAX_TITLE_CHARS))
    id = fields.Str(validate=validate.Length(1, MAX_ID_CHARS))
    url = fields.Str(validate=validate.Length(1, MAX_URL_CHARS))
    published_at = fields.Str(validate=[validate.Regexp(DATE_TIME), _calendar_date_time])
    actors = fields.List(
        fields.Nested(ActorQuerySchema), validate=validate.Length(max=MAX_ACTORS), load_default=list
    )

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _one_text(self, data: dict[str, Any], original: Any, **_: Any) -> None:
        if not isinstance(original, dict):
            return  # marshmallow already reports the wrong input type
        given = [name for name in ("text", "html") if name in original]
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

    options = fields.Nested(OptionsSchema, load_default=Options)


class BatchRequestSchema(Strict):
    """POST /v1/analyze/batch: the articles (each checked on its own) and shared options."""

    items = fields.List(fields.Dict(), required=True)
    options = fields.Nested(OptionsSchema, load_default=Options)

    @validates("items")
    def _count(self, items: list[Any], **_: Any) -> None:
        most = current_app.config["MAX_BATCH_ITEMS"]
        if not 1 <= len(items) <= most:
            raise ValidationError(f"give 1 to {most} items; got {len(items)}")


# Responses -----------------------------------------------------------------------------------


class Out(Schema):
    """Base of response schemas: fields listed in ``EVIDENCE`` go when evidence is turned off."""

    EVIDENCE: tuple[str, ...] = ()

    @post_dump
    def _drop_evidence(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if self.EVIDENCE and not Dumping.get(DumpOptions()).evidence:
            for name in self.EVIDENCE:
                data.pop(name, None)
        return data


class Pairs(fields.Field[dict[str, Any]]):
    """A tuple of (name, count) pairs, written as a JSON object."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> dict[str, Any]:
        return dict(value)


class SpanSchema(Out):
    start = fields.Int()
    end = fields.Int()
    exact = fields.Str()
    prefix = fields.Str()
    suffix = fields.Str()

    @post_dump
    def _utf16(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        utf16 = Dumping.get(DumpOptions()).utf16
        if utf16 is not None:
            data["start_utf16"], data["end_utf16"] = utf16(data["start"]), utf16(data["end"])
        return data


def _span(**kwargs: Any) -> fields.Nested:
    return fields.Nested(SpanSchema, **kwargs)


def _spans(**kwargs: Any) -> fields.List[Any]:
    return fields.List(fields.Nested(SpanSchema), **kwargs)


class MentionSchema(Out):
    span = _span()
    sentence = fields.Int()
    form = fields.Str()


class ActorSchema(Out):
    EVIDENCE = ("mentions",)
    id = fields.Str()
    key = fields.Str()
    name = fields.Str()
    type = fields.Str()
    aliases = fields.List(fields.Str())
    mentions = fields.List(fields.Nested(MentionSchema))
    requested = fields.Bool()


class HedgeCueSchema(Out):
    span = _span()
    category = fields.Str()
    sentence = fields.Int()
    voice = fields.Str()
    hearsay = fields.Bool()


class HedgingSchema(Out):
    EVIDENCE = ("cues", "boosters")
    cues = fields.List(fields.Nested(HedgeCueSchema))
    boosters = fields.List(fields.Nested(HedgeCueSchema))
    words = fields.Int()
    narrator_words = fields.Int()
    sentences = fields.Int()
    hedged_sentences = fields.Int()
    per_100_words = fields.Float()
    narrator_per_100_words = fields.Float()
    hedged_sentence_share = fields.Float()
    by_category = Pairs()


class AttributionSchema(Out):
    kind = fields.Str()
    source = _span(allow_none=True)
    source_type = fields.Str()
    source_actor = fields.Str(allow_none=True)
    cue = _span(allow_none=True)
    content = _span()
    sentence = fields.Int()
    words = fields.Int()


class SourceSchema(Out):
    name = fields.Str()
    source_type = fields.Str()
    actor_id = fields.Str(allow_none=True)
    attributions = fields.Int()
    quoted_words = fields.Int()


class VoiceShareSchema(Out):
    actor_id = fields.Str()
    quoted_words = fields.Int()
    share = fields.Float()


class AttributionResultSchema(Out):
    EVIDENCE = ("attributions",)
    attributions = fields.List(fields.Nested(AttributionSchema))
    sources = fields.List(fields.Nested(SourceSchema))
    words = fields.Int()
    sentences = fields.Int()
    attributed_sentences = fields.Int()
    per_100_words = fields.Float()
    sentence_share = fields.Float()
    by_kind = Pairs()
    by_source_type = Pairs()
    distinct_sources = fields.Int()
    anonymous_share = fields.Float()
    voice_share = fields.List(fields.Nested(VoiceShareSchema))
    quoted_words = fields.Int()


class TonalWordSchema(Out):
    span = _span()
    weight = fields.Float()


class ToneSchema(Out):
    EVIDENCE = ("tonal_words",)
    tone = fields.Float()
    positive = fields.Float()
    negative = fields.Float()
    polarity = fields.Float()
    words = fields.Int()
    tonal_words = fields.List(fields.Nested(TonalWordSchema))


class ArticleValueSchema(Out):
    id = fields.Str()
    value = fields.Float()


class ReferenceStatsSchema(Out):
    min = fields.Float()
    max = fields.Float()
    mean = fields.Float()
    std = fields.Float()
    values = fields.List(fields.Nested(ArticleValueSchema))


class ReferenceInfoSchema(Out):
    name = fields.Str()
    version = fields.Str()
    fingerprint = fields.Str()
    catalogue_version = fields.Str()
    size = fields.Int()
    ids = fields.List(fields.Str())
    caveat = fields.Str()


class MetricComparisonSchema(Out):
    EVIDENCE = ("evidence",)
    id = fields.Str()
    name = fields.Str()
    unit = fields.Str()
    value = fields.Float()
    reference = fields.Nested(ReferenceStatsSchema)
    position = fields.Str()
    z_score = fields.Float(allow_none=True)
    percentile = fields.Float()
    band = fields.Str()
    explanation = fields.Str()
    evidence = fields.List(fields.Str())


class ActorComparisonSchema(Out):
    actor_id = fields.Str()
    key = fields.Str()
    name = fields.Str()
    value = fields.Float()
    reference = fields.Nested(ReferenceStatsSchema)
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
    inputs = fields.List(fields.Nested(CompositeInputSchema))
    reference = fields.Nested(ReferenceStatsSchema)
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
    reference = fields.List(fields.Nested(ArticleValueSchema))
    contributors = fields.List(fields.Nested(ContributorSchema))
    explanation = fields.Str()


class TopicalFitSchema(Out):
    similarity = fields.Float()
    max_similarity = fields.Float()
    mean_similarity = fields.Float()
    threshold = fields.Float()
    most_similar = fields.Str()
    similarities = fields.List(fields.Nested(ArticleValueSchema))
    topic_terms = fields.List(fields.Str())
    warning = fields.Str(allow_none=True)


class ComparisonSchema(Out):
    reference = fields.Nested(ReferenceInfoSchema)
    metrics = fields.List(fields.Nested(MetricComparisonSchema))
    composites = fields.List(fields.Nested(CompositeScoreSchema))
    actors = fields.List(fields.Nested(ActorComparisonSchema))
    distance = fields.Nested(DistanceSchema)
    topical_fit = fields.Nested(TopicalFitSchema)
    warnings = fields.List(fields.Str())


class VersionsSchema(Out):
    service = fields.Function(lambda _: current_app.config["SERVICE_VERSION"])
    scoring = fields.Str()
    pipeline = fields.Str()
    lexicons = fields.Str()
    sentiment_model = fields.Str()
    baseline = fields.Str(allow_none=True)


class MentionSentimentSchema(Out):
    EVIDENCE = ("words",)
    mention = _span()
    score = fields.Float()
    label = fields.Str()
    voice = fields.Str()
    speaker = fields.Str(allow_none=True)
    words = _spans()


class SentimentSummarySchema(Out):
    score = fields.Float()
    label = fields.Str()
    mentions = fields.Int()
    negative = fields.Int()
    neutral = fields.Int()
    positive = fields.Int()


class SpeakerToneSchema(Out):
    EVIDENCE = ("words",)
    score = fields.Float()
    label = fields.Str()
    quoted_words = fields.Int()
    quotes = fields.Int()
    words = _spans()


class ActorSentimentSchema(Out):
    EVIDENCE = ("evidence",)
    actor_id = fields.Str()
    toward = fields.Nested(SentimentSummarySchema)
    toward_narrator = fields.Nested(SentimentSummarySchema)
    toward_quoted = fields.Nested(SentimentSummarySchema)
    by = fields.Nested(SpeakerToneSchema)
    evidence = fields.List(fields.Nested(MentionSentimentSchema))


class ArticleMetaSchema(Out):
    id = fields.Str(allow_none=True)
    title = fields.Str(allow_none=True)
    url = fields.Str(allow_none=True)
    published_at = fields.Str(allow_none=True)


class ArticleResultSchema(Out):
    """One scored article: the library's ``Report`` (its ``analysis`` flattened) and the echo."""

    EVIDENCE = ("unattributed_claims",)
    article = fields.Nested(ArticleMetaSchema, attribute="meta")
    cached = fields.Bool()
    versions = fields.Nested(VersionsSchema, attribute="report.versions")
    text_sha256 = fields.Str(attribute="report.text_sha256")
    text_length = fields.Int(attribute="report.text_length")
    text = fields.Str(attribute="report.text")
    offsets = fields.Str(attribute="options.offsets")
    words = fields.Int(attribute="report.analysis.words")
    sentences = fields.Int(attribute="report.analysis.sentences")
    actors = fields.List(fields.Nested(ActorSchema), attribute="report.analysis.actors")
    sentiment = fields.List(
        fields.Nested(ActorSentimentSchema), attribute="report.analysis.sentiment"
    )
    hedging = fields.Nested(HedgingSchema, attribute="report.analysis.hedging")
    attribution = fields.Nested(AttributionResultSchema, attribute="report.analysis.attribution")
    unattributed_claims = _spans(attribute="report.analysis.unattributed_claims")
    tone = fields.Nested(ToneSchema, attribute="report.analysis.tone")
    comparison = fields.Nested(ComparisonSchema, attribute="report.comparison", allow_none=True)
    warnings = fields.List(fields.Str(), attribute="report.warnings")

    @post_dump
    def _drop_text(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if not Dumping.get(DumpOptions()).include_text:
            data.pop("text", None)
        return data


class AnalyzeResponseSchema(ArticleResultSchema):
    request_id = fields.Function(lambda _: g.get("request_id", ""))


class ProblemSchema(Schema):
    """A problem object as built by ``service.problems.problem_body`` (dumped as is)."""

    type = fields.Str()
    title = fields.Str()
    status = fields.Int()
    detail = fields.Str()
    instance = fields.Str()
    code = fields.Str()
    request_id = fields.Str()
    errors = fields.List(fields.Dict())


class BatchItemSchema(Out):
    """One batch item: ``result`` when it was scored, else ``problem`` (never both)."""

    index = fields.Int()
    status = fields.Int()
    result = fields.Raw()
    problem = fields.Nested(ProblemSchema)

    @post_dump
    def _one_of(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {k: v for k, v in data.items() if v is not None}


class BatchResponseSchema(Schema):
    request_id = fields.Function(lambda _: g.get("request_id", ""))
    count = fields.Function(len)
    failed = fields.Function(lambda items: sum(1 for item in items if "problem" in item))
    items = fields.Function(lambda items: items)


class FigureSummarySchema(Out):
    id = fields.Str()
    name = fields.Str()
    unit = fields.Str()
    reference = fields.Nested(ReferenceStatsSchema)


class ActorSummarySchema(Out):
    key = fields.Str()
    name = fields.Str()
    reference = fields.Nested(ReferenceStatsSchema)


class BaselineResponseSchema(Out):
    """GET /v1/baseline: the library's ``ReferenceSummary``."""

    reference = fields.Nested(ReferenceInfoSchema)
    metrics = fields.List(fields.Nested(FigureSummarySchema))
    composites = fields.List(fields.Nested(FigureSummarySchema))
    actors = fields.List(fields.Nested(ActorSummarySchema))
    topic_terms = fields.List(fields.Str())


class CatalogueEntrySchema(Out):
    id = fields.Str()
    kind = fields.Str()
    name = fields.Str()
    unit = fields.Str()
    direction = fields.Str()
    formula = fields.Str()
    explanation = fields.Str()
    inputs = fields.List(fields.Str())


class MetricsResponseSchema(Schema):
    """GET /v1/metrics: the catalogue of every metric and composite score."""

    metrics = fields.List(fields.Nested(CatalogueEntrySchema))


class LimitsSchema(Schema):
    max_body_bytes = fields.Int()
    max_text_chars = fields.Int()
    max_batch_items = fields.Int()


class InfoResponseSchema(Schema):
    """GET /v1/info: versions, limits, reference sets and option values."""

    versions = fields.Nested(VersionsSchema)
    limits = fields.Nested(LimitsSchema)
    baselines = fields.List(fields.Str())
    offsets = fields.List(fields.Str())
    auth = fields.Bool()
    cache_size = fields.Int()


class HealthResponseSchema(Schema):
    status = fields.Str()
    checks = fields.Dict(keys=fields.Str(), values=fields.Bool())
