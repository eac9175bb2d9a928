"""Typed models for every kind of record in data/.

Rules that hold for every model:
- unknown fields are rejected (a typo in a field name is an error, not silently ignored);
- text is plain text: it is HTML-escaped when rendered and never run as a template;
- every record that states a fact names its sources (ids from data/sources/*.yaml);
- ids follow a fixed pattern so they can be said aloud, searched and linked for ever.

Cross-record checks (does this source id exist? does this role exist?) live in checks.py,
because they need the whole data set.

The models live in modules by domain (base, site, mappa, tools, pages); import them from here.
"""
from .base import (  # noqa: F401
    _TAG,
    _TEMPLATE,
    BASIS_KINDS,
    Basis,
    CalVer,
    Cite,
    Governed,
    HistoryEntry,
    MaybeText,
    Normative,
    NotKnown,
    OffenceType,
    RecNumber,
    Review,
    Slug,
    SourceRef,
    Sources,
    Strict,
    Text,
    _plain_text,
    _source_shorthand,
)
from .flows import Flow, FlowAnswer, FlowOutcome, FlowQuestion  # noqa: F401
from .mappa import (  # noqa: F401
    MAPPA_STEP_ID,
    STAGE_CODES,
    Category,
    Fact,
    Gap,
    GuidePoint,
    Level,
    MappaAgency,
    MappaDocument,
    MappaFile,
    Role,
    SeeAlso,
    SharedRole,
    Stage,
    StageGuide,
    Step,
    TimeLimit,
    When,
    _action_heading,
)
from .pages import (  # noqa: F401
    ItemId,
    PageMeta,
    PathItem,
    SearchBestBet,
    SearchFile,
    SearchSynonym,
    SearchWords,
    TrainingPath,
)
from .site import (  # noqa: F401
    APPLIES_NOW_STATES,
    IN_FORCE_KINDS,
    IN_FORCE_STATES,
    SOURCE_KINDS,
    AppliesNow,
    Concept,
    GlossaryEntry,
    InForce,
    NormativeWord,
    Recommendation,
    RecommendationsFile,
    RecStatus,
    ReportInfo,
    SiteInfo,
    Source,
    StyleRules,
    Term,
    _glossary_kind,
)
from .tools import (  # noqa: F401
    Agency,
    Band,
    BandReading,
    BaseRateExample,
    BenchQuestion,
    Decision,
    Figure,
    JudiciaryFile,
    NotValidated,
    Population,
    ScottishUse,
    Standard,
    StandardArea,
    StandardsFile,
    Tool,
    ToolType,
    ValidationStatus,
)
