"""Figures (matplotlib): one module per capability. Every function draws on a given Axes (or
makes a new figure) and returns what it drew on."""
from .coercion import channels, demand_choice, effectiveness_by_year, error_map
from .negotiation import pressure_response, tied_hands, winset_diagram
from .sequencing import case_comparison, hypothesis_map, orders
from .strategy import case_paths, regime_map, value_function, weighting_functions
from .sweeps import agreement_share, heatmap, heatmaps

__all__ = ["agreement_share", "case_comparison", "case_paths", "channels", "demand_choice",
           "effectiveness_by_year", "error_map", "heatmap", "heatmaps", "hypothesis_map",
           "orders", "pressure_response", "regime_map", "tied_hands", "value_function",
           "weighting_functions", "winset_diagram"]
