"""Figures (matplotlib): one module per capability. Every function draws on a given Axes (or
makes a new figure) and returns what it drew on."""
from .coercion import channels, demand_choice, effectiveness_by_year, error_map
from .negotiation import pressure_response, tied_hands, winset_diagram
from .sequencing import (case_comparison, force_map, hypothesis_map, orders, pressure_path,
                         value_gap)
from .issues import concessions, frontier, publicity, vetoes
from .strategy import case_paths, regime_map, value_function, weighting_functions
from .sweeps import agreement_share, heatmap, heatmaps

__all__ = ["agreement_share", "case_comparison", "case_paths", "channels", "concessions",
           "demand_choice", "effectiveness_by_year", "error_map", "force_map", "frontier",
           "heatmap", "heatmaps", "hypothesis_map", "orders", "pressure_path",
           "pressure_response", "publicity", "regime_map", "tied_hands", "value_function",
           "value_gap", "vetoes", "weighting_functions", "winset_diagram"]
