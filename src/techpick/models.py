"""Pydantic models of a catalog entry and of the vocabulary: the single
definition of the catalog format (the JSON Schema is generated from here).

No I/O: the loader reads files and turns validation errors into messages.
Words that the vocabulary defines (roles, capabilities, clouds ...) are plain
strings here and checked against the vocabulary by the catalog, because a
model of one file cannot know the words of another.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)

from techpick import units

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)

Id = Annotated[str, Field(pattern=ID_PATTERN, description="lowercase id, [a-z0-9-]+")]
Word = Annotated[str, Field(pattern=ID_PATTERN, description="a word of the vocabulary")]

Latency = Annotated[
    float,
    BeforeValidator(units.parse_latency),
    PlainSerializer(units.format_latency, return_type=str),
    Field(json_schema_extra={"type": "string", "examples": ["500us", "5ms", "2s"]}),
]
Volume = Annotated[
    float,
    BeforeValidator(units.parse_volume),
    PlainSerializer(units.format_volume, return_type=str),
    Field(json_schema_extra={"type": "string", "examples": ["200MB", "3TB", "1.5PB"]}),
]
Retention = Annotated[
    float,
    BeforeValidator(units.parse_retention),
    PlainSerializer(units.format_retention, return_type=str),
    Field(json_schema_extra={"type": "string", "examples": ["7d", "12w", "2y"]}),
]
Throughput = Annotated[
    float,
    BeforeValidator(units.parse_throughput),
    PlainSerializer(units.format_throughput, return_type=str),
    Field(json_schema_extra={"type": "string", "examples": ["500/s", "20k/s", "3G/d"]}),
]


class Strict(BaseModel):
    """Every model forbids unknown keys: a typo must never be dropped silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Level(str, Enum):
    """How well a technology provides a capability."""

    native = "native"
    partial = "partial"
    extension = "extension"


class Support(str, Enum):
    """How well a technology offers a quality such as high availability."""

    native = "native"
    partial = "partial"
    extension = "extension"
    none = "none"


class Consistency(str, Enum):
    strong = "strong"
    tunable = "tunable"
    eventual = "eventual"
    not_applicable = "n/a"


class Durability(str, Enum):
    durable = "durable"
    optional = "optional"
    none = "none"
    not_applicable = "n/a"


class Scaling(str, Enum):
    embedded = "embedded"
    single_node = "single-node"
    vertical = "vertical"
    horizontal = "horizontal"
    serverless = "serverless"
    not_applicable = "n/a"


class State(str, Enum):
    active = "active"
    maintenance = "maintenance"
    deprecated = "deprecated"
    retired = "retired"
    archived = "archived"


class Kind(str, Enum):
    """What sort of thing an entry is: hosting and availability apply to services and platforms only."""

    service = "service"
    library = "library"
    tool = "tool"
    format = "format"
    standard = "standard"
    language = "language"
    platform = "platform"


class Ceiling(str, Enum):
    """Whether a `max` is a limit the documentation states or our judgement of what works."""

    documented = "documented"
    judgement = "judgement"


class Operation(str, Enum):
    """Kinds of operation whose latency differs enough to matter for a choice."""

    point_read = "point-read"
    write = "write"
    analytic_query = "analytic-query"
    end_to_end = "end-to-end"


class OfferStatus(str, Enum):
    ga = "ga"
    preview = "preview"
    edition_only = "edition-only"
    deprecated = "deprecated"
    withdrawn = "withdrawn"


class EventKind(str, Enum):
    released = "released"
    relicensed = "relicensed"
    renamed = "renamed"
    split = "split"
    moved = "moved"
    deprecated = "deprecated"
    archived = "archived"
    end_of_life = "end-of-life"


class Adoption(str, Enum):
    widespread = "widespread"
    common = "common"
    niche = "niche"


class PriceUnit(str, Enum):
    node = "node"
    cluster = "cluster"
    tb = "TB"


class License(Strict):
    spdx: str = Field(description="SPDX expression; alternatives joined by ' OR ' (e.g. 'AGPL-3.0-only OR SSPL-1.0')")
    note: str | None = Field(None, description="what the licence means in practice (editions, changes and their year)")


class Price(Strict):
    """A list price, so that sizing estimates can name a monthly cost; prices age, hence as_of and source."""

    usd_per_month: StrictFloat = Field(gt=0, description="list price in US dollars per month for one unit")
    unit: PriceUnit = Field(description="what one price buys: a node, a whole cluster, or a TB of data held")
    basis: str = Field(min_length=5, description="what was priced: instance type, region, on-demand or reserved")
    as_of: StrictInt = Field(ge=2000, le=2100, description="year the price was read")
    source: str = Field(pattern=r"^https?://", description="the provider's pricing page")


class ManagedOffer(Strict):
    service: str = Field(description="the product name of the managed offer")
    provider: Word = Field(description="who runs it: a cloud of the vocabulary or the vendor's id")
    clouds: list[Word] = Field(min_length=1, description="clouds where it can be bought")
    url: str | None = Field(None, description="the offer's page")
    price: Price | None = Field(None, description="optional list price, used by sizing estimates")
    status: OfferStatus = Field(OfferStatus.ga, description="ga, preview, edition-only, deprecated or withdrawn")
    note: str | None = Field(None, description="what the status or the offer's limits mean, in a sentence")
    complexity: StrictInt | None = Field(
        None, ge=1, le=5, description="operational weight of this offer, when it differs from operations.managed_complexity"
    )
    high_availability: Support | None = Field(None, description="this offer's failover, when it differs from the product's")
    compatible: StrictBool = Field(
        False, description="the provider's own engine behind the product's API (Amazon Keyspaces for Cassandra): "
        "moving to it from the product is a migration")
    add_on: StrictBool = Field(
        False, description="runs only inside another managed service of the same provider (an EKS capability, an AKS "
        "extension), so it is a way to buy the block only for a team already on that cloud")
    requires: list[str] = Field(
        default_factory=list, description="what the team must still have beside this offer, as in relations.requires "
        "('kafka', 'kubernetes|k3s'): a connector service that writes into a Kafka cluster, a hosted control plane that "
        "deploys into the team's cluster. Without it, an offer runs whatever the product requires")
    lacks: list[Word] = Field(
        default_factory=list, description="capabilities of the product that this offer does not provide (a plugin it "
        "does not enable, a protocol it does not listen on); say which in `note`")


class Hosting(Strict):
    self_hosted: StrictBool = Field(description="can be run on your own machines")
    embedded: StrictBool = Field(False, description="runs inside the application process as a library")
    managed: list[ManagedOffer] = Field(default_factory=list, description="managed offers, per cloud")


class VolumeRange(Strict):
    sweet: tuple[Volume, Volume] = Field(description="the range it is built for: [low, high]")
    max: Volume = Field(description="the practical ceiling known to work")
    ceiling: Ceiling = Field(
        Ceiling.judgement, description="documented: a hard limit the docs state; judgement: beyond it costs, it does not break"
    )


class ThroughputRange(Strict):
    sweet: tuple[Throughput, Throughput] = Field(description="the range it is built for: [low, high]")
    max: Throughput = Field(description="the practical ceiling known to work")
    ceiling: Ceiling = Field(
        Ceiling.judgement, description="documented: a hard limit the docs state; judgement: beyond it costs, it does not break"
    )


class Scale(Strict):
    latency_p99: Latency | None = Field(
        None, description="typical best p99 of the main operation on a well-sized deployment"
    )
    latency: dict[Operation, Latency] = Field(
        default_factory=dict,
        description="best p99 per kind of operation where it differs from the main one (point-read, write, "
        "analytic-query, end-to-end)",
    )
    volume: VolumeRange | None = Field(None, description="data held (processed per day for processing); absent: holds none")
    throughput: ThroughputRange | None = Field(None, description="operations or events per second at peak")
    concurrency_max: StrictInt | None = Field(None, ge=1, description="concurrent clients or queries it serves well")
    retention_max: Retention | None = Field(
        None, description="the longest it can keep a message or record, as its docs state (a hard limit): 14d, 1y")
    in_memory: StrictBool = Field(
        False, description="the whole data set (or index) lives in RAM and disk keeps only a copy: memory bounds it")
    basis: str = Field(min_length=10, description="one line: where the figures come from and what is judgement")

    @field_validator("volume", "throughput")
    @classmethod
    def _ordered(cls, value: VolumeRange | ThroughputRange | None) -> VolumeRange | ThroughputRange | None:
        if value is not None and not (value.sweet[0] <= value.sweet[1] <= value.max):
            raise ValueError("needs sweet[0] <= sweet[1] <= max")
        return value


class Availability(Strict):
    high_availability: Support = Field(description="replication with automatic failover")
    note: str | None = Field(None, description="editions, modes or tools that the level depends on")
    open_source: Support | None = Field(
        None, description="failover of the open-source edition, when a higher level needs a commercial edition")


class Operations(Strict):
    complexity: StrictInt = Field(ge=1, le=5, description="1 trivial .. 5 a team's full-time job (judgement, see vocabulary)")
    managed_complexity: StrictInt | None = Field(None, ge=1, le=5, description="the same when bought as a managed offer")
    reason: str = Field(min_length=10, description="one line that explains the judgement")
    min_nodes_ha: StrictInt | None = Field(None, ge=1, description="smallest highly available deployment, in nodes")


class Status(Strict):
    state: State = Field(State.active, description="active, maintenance, deprecated, retired or archived")
    since: StrictInt | None = Field(None, ge=1970, le=2100, description="year the state began")
    successor: Id | None = Field(None, description="what to use instead for new work")
    note: str | None = Field(None, description="what happened, in a sentence")


class Event(Strict):
    """A dated change of a project's status, so that the catalog knows what happened and when."""

    date: str = Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$", description="YYYY-MM or YYYY-MM-DD")
    kind: EventKind = Field(description="released, relicensed, renamed, split, moved, deprecated, archived, end-of-life")
    component: str | None = Field(
        None, description="the part it is about (an agent, a connector, a major version); absent: the whole product"
    )
    note: str = Field(min_length=5, description="what happened, in a sentence")
    source: str = Field(pattern=r"^https?://", description="where it is announced")


class Relations(Strict):
    requires: list[str] = Field(
        default_factory=list, description="hard dependencies; 'a|b' means one of them"
    )
    integrates_with: list[Id] = Field(default_factory=list, description="documented integrations (both directions)")
    alternative_to: list[Id] = Field(default_factory=list, description="blocks that solve the same task")
    part_of: list[Id] = Field(default_factory=list, description="bundles or stacks this is a component of")

    @field_validator("requires")
    @classmethod
    def _choices(cls, value: list[str]) -> list[str]:
        for item in value:
            if not all(_ID.match(part) for part in item.split("|")):
                raise ValueError(f"{item!r}: expected ids, alternatives joined by '|'")
        return value


class Source(Strict):
    url: str = Field(pattern=r"^https?://", description="where the facts come from, official docs first")
    title: str | None = Field(None, description="the page's title")
    supports: list[str] = Field(default_factory=list, description="the fields this source backs")


class Technology(Strict):
    """One catalog entry: what a block is, what it solves, and what it costs."""

    id: Id
    name: str = Field(min_length=1, description="display name")
    aliases: list[Id] = Field(default_factory=list, description="other ids a requirements file may use")
    kind: Kind = Field(Kind.service, description="service, library, tool, format, standard, language or platform")
    main_role: Word | None = Field(None, description="the role it is built for (one of `roles`); absent: the first")
    roles: list[Word] = Field(min_length=1, description="roles of the vocabulary it fills on its own")
    data_models: list[Word] = Field(default_factory=list, description="data models, main one first")
    description: str = Field(min_length=40, description="at least two sentences, in our own words")
    homepage: str = Field(pattern=r"^https?://", description="the official site")
    keywords: list[str] = Field(default_factory=list, description="words people search for it by")
    license: License = Field(description="the licence and its history")
    hosting: Hosting = Field(description="self-hosted, embedded and managed offers")
    capabilities: dict[Word, Level] = Field(default_factory=dict, description="capability: native | partial | extension")
    capability_notes: dict[Word, str] = Field(default_factory=dict, description="why a level is partial or extension")
    capability_via: dict[Word, list[Id]] = Field(
        default_factory=dict,
        description="technologies through which a partial or extension capability is provided (e.g. transactions via hive)",
    )
    scale: Scale = Field(description="latency, volume and throughput it is built for")
    consistency: Consistency = Field(description="strong, tunable, eventual or n/a")
    durability: Durability = Field(description="durable, optional (configurable) or none (lost on restart)")
    availability: Availability = Field(description="replication and failover")
    scaling: Scaling = Field(description="how it grows: embedded, single-node, vertical, horizontal, serverless")
    operations: Operations = Field(description="what it costs to run")
    runtime: Word = Field(description="what it runs on: a runtime of the vocabulary")
    languages: list[Word] = Field(
        default_factory=list,
        description="for embedded libraries: the programming languages (skills) whose programs can embed it",
    )
    skills: list[Word] = Field(default_factory=list, description="skills that make a team effective with it")
    adoption: Adoption = Field(description="how widely it is used in production (judgement)")
    status: Status = Field(default_factory=Status, description="maintenance status; retired projects name a successor")
    relations: Relations = Field(default_factory=Relations, description="links to other technologies")
    use_when: list[str] = Field(min_length=1, description="situations it fits, in short sentences")
    avoid_when: list[str] = Field(min_length=1, description="situations it does not fit")
    sources: list[Source] = Field(min_length=2, description="at least two, official documentation first")
    reviewed: str | None = Field(
        None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM when the entry was last checked against its sources"
    )
    events: list[Event] = Field(default_factory=list, description="dated status history, oldest first")

    @model_validator(mode="after")
    def _main_role_is_a_role(self) -> Technology:
        if self.main_role is not None and self.main_role not in self.roles:
            raise ValueError(f"main_role {self.main_role!r} is not one of the entry's roles")
        return self

    @property
    def primary_role(self) -> str:
        """The role the block is built for: stated, or the first for catalogs written before `main_role`."""
        return self.main_role or self.roles[0]

    @property
    def hosted(self) -> bool:
        """Whether hosting and availability apply: they do to services and platforms, not to libraries or formats."""
        return self.kind in (Kind.service, Kind.platform)


class Meaning(Strict):
    meaning: str = Field(min_length=1)
    ru: str | None = Field(None, description="the word in Russian, for search")
    title: str | None = Field(None, description="how to write the word as a title when it is not plain words (CI/CD)")


class RoleDef(Meaning):
    area: Word
    implies: list[Word] = Field(default_factory=list, description="capabilities any need of this role expects")
    noun: str | None = Field(None, description="what one block of the role is called in a sentence ('data store')")
    keeps_data: StrictBool = Field(False, description="a need of the role wants the data kept and searchable, "
                                   "unless it asks only to move it (forwarding, instrumentation)")
    code_inside: StrictBool = Field(False, description="the team's own programs run inside blocks of this role (jobs, "
                                    "DAGs, models), so the block's language stays the team's however it is hosted")


class KindDef(Meaning):
    hosted: StrictBool = Field(description="whether hosting and availability apply to it (a running service) or not")


class RuntimeDef(Meaning):
    vm: StrictBool = Field(False, description="a virtual machine: embedded libraries on it embed only in its languages")


class SkillDef(Meaning):
    family: Word | None = Field(None, description="the broader skill it implies (java -> jvm)")
    language: StrictBool = Field(False, description="a programming language or runtime skill")
    runtime: Word | None = Field(None, description="for a language: the runtime its programs run on")


class CapabilityDef(Meaning):
    kind: Word = Field(description="access or operations")
    model: Word | None = Field(None, description="the data model a need is about when it asks for this and names "
                                                "none (full-text: search-index)")


class LicenseDef(Meaning):
    kind: Word = Field(description="permissive, copyleft, weak-copyleft, source-available, proprietary")


class Vocabulary(Strict):
    """The words a catalog may use, each with a one-line meaning."""

    areas: dict[Word, Meaning]
    kinds: dict[Word, KindDef] = Field(default_factory=dict, description="what sort of thing an entry is")
    roles: dict[Word, RoleDef]
    data_models: dict[Word, Meaning]
    capabilities: dict[Word, CapabilityDef]
    levels: dict[Word, Meaning]
    clouds: dict[Word, Meaning]
    runtimes: dict[Word, RuntimeDef]
    skills: dict[Word, SkillDef]
    licenses: dict[str, LicenseDef]
    scales: dict[Word, dict[str, str]] = Field(description="what each judgement level means")
    acronyms: dict[Word, str] = Field(default_factory=dict, description="parts of words written in capitals (ci -> CI)")
    synonyms: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="per requirements field (role, data_model, capability, cloud, skill, hosting, license ...): "
        "words people type -> the word they mean; only ever suggested, never accepted",
    )

    def language_skills(self) -> set[str]:
        return {name for name, skill in self.skills.items() if skill.language}

    def skill_closure(self, skills: list[str]) -> set[str]:
        """The skills themselves and the families they imply (java -> jvm)."""
        out = set(skills)
        out |= {self.skills[s].family for s in skills if s in self.skills and self.skills[s].family}
        return {s for s in out if s}

    def runtime_languages(self, runtime: str) -> set[str]:
        """Language skills whose programs run on a runtime (jvm -> java, scala, kotlin, jvm)."""
        return {name for name, skill in self.skills.items() if skill.language and (skill.runtime == runtime or name == runtime)}

    def license_kinds(self, spdx: str) -> list[str]:
        """Kinds of each alternative of an SPDX 'A OR B' expression."""
        return [self.licenses[part.strip()].kind for part in spdx.split(" OR ") if part.strip() in self.licenses]


OPEN_SOURCE_KINDS = frozenset({"permissive", "weak-copyleft", "copyleft"})
