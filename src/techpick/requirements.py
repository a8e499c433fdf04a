"""Pydantic models of a requirements file (contract v1, section 1). No I/O.

Words that only the catalog knows (roles, data models, capabilities, ids) are
checked by the loader against the catalog, where the closest word can be
suggested; the shape and the quantities are checked here.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StrictBool, StrictInt, field_validator, model_validator

from techpick.errors import FieldError
from techpick.models import ID_PATTERN, Id, Latency, Retention, Strict, Throughput, Volume, Word


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


# A technology as a person names it: ids and aliases are matched whatever the case (`Kafka`).
TechName = Annotated[str, BeforeValidator(_lower), Field(pattern=ID_PATTERN, description="an id or alias, any case")]


def duplicate_need(need_id: str) -> str:
    """The one wording of a repeated need id (the model and the file check both report it)."""
    return f"need id {need_id!r} appears twice; need ids must be unique"


class LicenseRule(str, Enum):
    any = "any"
    open_source = "open-source"
    permissive = "permissive"


class HostingRule(str, Enum):
    any = "any"
    self_hosted = "self-hosted"
    managed = "managed"


class Constraints(Strict):
    license: LicenseRule | None = Field(None, description="any (default) | open-source | permissive")
    hosting: HostingRule | None = Field(None, description="any (default) | self-hosted | managed")
    cloud: Word | None = Field(None, description="a cloud where managed offers must exist: aws, gcp, azure, yandex ...")
    exclude: list[TechName] = Field(default_factory=list, description="ids never to recommend")


class Context(Strict):
    existing: list[TechName] = Field(default_factory=list, description="technologies the team already runs")
    leaving: list[TechName] = Field(
        default_factory=list, description="technologies the team is moving away from: no credit for running them, "
        "and not recommended (extension of 1.1)")
    skills: list[str] = Field(default_factory=list, description="what the team knows: python, sql, jvm ...")
    team_size: StrictInt | None = Field(None, ge=1, le=100_000, description="people who will operate the stack")
    languages: list[str] = Field(
        default_factory=list, description="what the application is written in: limits embedded libraries (1.1)"
    )

    @field_validator("skills", "languages")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [s.strip().lower() for s in value]


# Roles whose `volume` is a flow, data processed or moved per day, not data held (contract 1.1 extension):
# the processing roles of the contract, and data-integration, whose blocks move data they do not keep.
FLOW_ROLES = frozenset({"batch-processing", "stream-processing", "query-engine", "data-integration"})


class Need(Strict):
    id: Id = Field(description="unique in the file, [a-z0-9-]+")
    role: Word = Field(description="what kind of block: storage, messaging, batch-processing ...")
    data_model: Word | None = Field(None, description="relational, document, key-value, event, tabular ...")
    access: list[Word] = Field(default_factory=list, description="access patterns the block must serve (hard)")
    latency: Latency | None = Field(None, description="p99 of the block's main operation")
    volume: Volume | None = Field(None, description="data held, or processed or moved per day for processing and data-integration roles")
    throughput: Throughput | None = Field(
        None, description="peak operations or events per second (for a store with query_rate: the write rate)")
    query_rate: Throughput | None = Field(
        None, description="reads or queries per second, when they differ from throughput (1.1)")
    retention: Retention | None = Field(None, description="how long data must be kept: 7d, 12w, 2y (1.1)")
    consistency: Literal["strong", "eventual"] | None = Field(None, description="strong | eventual")
    availability: Literal["standard", "high"] | None = Field(
        None, description="standard | high (replicated, automatic failover)")
    embedded: StrictBool | None = Field(None, description="true: must run inside the application process")
    persistence: StrictBool | None = Field(None, description="false: data may be lost on restart (a pure cache)")
    regions: StrictInt | None = Field(None, ge=1, le=1000, description="regions that must serve writes")
    concurrency: StrictInt | None = Field(None, ge=1, description="concurrent clients, users or queries at peak")
    features: list[Word] = Field(default_factory=list, description="capabilities that are required (hard)")
    prefer: list[Word] = Field(default_factory=list, description="capabilities that are nice to have (soft)")
    constraints: Constraints = Field(default_factory=Constraints, description="overrides the file's constraints")
    notes: str | None = Field(None, description="free text for people")


class Requirements(Strict):
    """A requirements file: what the blocks must do, before any block is named."""

    version: Literal[1] = Field(description="the contract version; only 1 exists")
    name: str | None = Field(None, description="free text")
    description: str | None = Field(None, description="free text")
    constraints: Constraints = Field(default_factory=Constraints, description="apply to every need")
    context: Context = Field(default_factory=Context, description="what the team runs and knows")
    needs: list[Need] = Field(min_length=1, description="at least one need")

    @model_validator(mode="after")
    def _unique_need_ids(self) -> Requirements:
        seen: set[str] = set()
        for i, need in enumerate(self.needs):
            if need.id in seen:
                raise FieldError(("needs", i, "id"), duplicate_need(need.id))
            seen.add(need.id)
        return self

    def constraints_for(self, need: Need) -> Constraints:
        """The file's constraints with the need's own overrides applied.

        Exclusions add up: an id the file never wants stays excluded in every need.
        Built from fields already validated: validating them again would build
        pydantic's validator of Constraints, a cost a recommendation need not pay.
        """
        merged = {name: getattr(self.constraints, name) for name in self.constraints.model_fields_set}
        merged |= {name: getattr(need.constraints, name) for name in need.constraints.model_fields_set}
        merged["exclude"] = list(dict.fromkeys([*self.constraints.exclude, *need.constraints.exclude]))
        return Constraints.model_construct(set(merged), **merged)

