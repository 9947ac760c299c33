"""What every capability shares: the error type and parameter checks."""
