"""boardpack: performance trackers (Excel) in, committee scorecards, appendices and agenda packs out."""

__version__ = "0.1.0"
