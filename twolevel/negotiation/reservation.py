"""Reservation points (MODEL.md section 1)."""
import numpy as np


def reservation_home(gain, cost, batna):
    """r_H = (g_H - d_H) / c_H: the largest concession Home accepts."""
    return (np.asarray(gain) - batna) / cost


def reservation_partner(gain, benefit, batna):
    """r_P = (d_P - g_P) / c_P: the smallest concession Partner accepts."""
    return (np.asarray(batna) - gain) / benefit
