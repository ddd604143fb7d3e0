"""Renderers: each turns an assessed scorecard and a layout into one output format."""
