"""Warnings of an import, counted by message (the Akoma Ntoso importer's)."""

from accord.documents.akn.drafts import Warnings

__all__ = ["Warnings"]
