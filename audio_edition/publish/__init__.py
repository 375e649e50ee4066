"""The output folder as one transaction (docs/publishing.md).

``output``: scratch space and atomic moves; ``layout``: the versioned names of an
episode's files and the removal of versions nothing points at; ``lock``: one
render at a time per folder; ``scratch``: what a killed render left behind.
"""

from audio_edition.publish.output import Output

__all__ = ["Output"]
