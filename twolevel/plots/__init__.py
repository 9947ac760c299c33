"""Figures (matplotlib): one module per capability. Every function draws on a given Axes (or
makes a new figure) and returns what it drew on."""
from .coercion import channels, demand_choice, effectiveness_by_year, error_map
from .negotiation import pressure_response, tied_hands, winset_diagram
from .sequencing import (case_comparison, force_map, hypothesis_map, orders, pressure_path,
                         value_gap)
from .sweeps import agreement_share, heatmap, heatmaps

__all__ = ["agreement_share", "case_comparison", "channels", "demand_choice",
           "effectiveness_by_year", "error_map", "force_map", "heatmap", "heatmaps",
           "hypothesis_map", "orders", "pressure_path", "pressure_response", "tied_hands",
           "value_gap", "winset_diagram"]
