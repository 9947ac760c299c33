"""Figures (matplotlib): one module per capability. Every function draws on a given Axes (or
makes a new figure) and returns what it drew on."""
from .negotiation import pressure_response, tied_hands, winset_diagram
from .sequencing import case_comparison, hypothesis_map, orders
from .issues import concessions, frontier, publicity, vetoes
from .sweeps import agreement_share, heatmap, heatmaps

__all__ = ["agreement_share", "case_comparison", "concessions", "frontier", "heatmap", "heatmaps",
           "hypothesis_map", "publicity", "vetoes",
           "orders", "pressure_response", "tied_hands", "winset_diagram"]
