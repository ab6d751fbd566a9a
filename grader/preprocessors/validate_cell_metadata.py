"""nbgrader's CheckCellMetadata, with its JSON schema compiled once per process.

nbgrader validates every cell's metadata with ``jsonschema.validate``, which checks the
schema itself against the JSON Schema metaschema on every call: for one notebook, twice
per autograde (sanitize and autograde pipelines), ~0.1 CPU s of each autograde. Here the
schema is checked once and its validator reused; every other check (schema version,
grade ids, points, cell types, duplicates) is nbgrader's own.
"""

from __future__ import annotations

import functools
import traceback

import jsonschema
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator, SchemaTooNewError, SchemaTooOldError
from nbgrader.preprocessors import CheckCellMetadata


@functools.cache
def _schema_validator() -> jsonschema.protocols.Validator:
    """A validator of nbgrader's current metadata schema (the one MetadataValidator reads)."""
    schema = MetadataValidator().schema
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


class _SchemaCompiledOnce(BaseMetadataValidator):
    def validate_cell(self, cell) -> None:
        # BaseMetadataValidator.validate_cell, but jsonschema.validate -> the cached validator.
        if "nbgrader" not in cell.metadata:
            return
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version < self.schema_version:
            raise SchemaTooOldError(f"Outdated schema version: {version} (expected {self.schema_version})", version, self.schema_version)
        if version > self.schema_version:
            raise SchemaTooNewError(f"Schema version is too new: {version} (expected {self.schema_version})", version, self.schema_version)
        error = jsonschema.exceptions.best_match(_schema_validator().iter_errors(cell.metadata["nbgrader"]))
        if error is not None:
            raise error


class _Validator(MetadataValidator, _SchemaCompiledOnce):
    """nbgrader's current MetadataValidator; its call to the base validate_cell lands in _SchemaCompiledOnce."""


class ValidateCellMetadata(CheckCellMetadata):
    """Drop-in for nbgrader.preprocessors.CheckCellMetadata (same checks, same errors, faster)."""

    def preprocess(self, nb, resources):
        try:
            _Validator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)
        return nb, resources
