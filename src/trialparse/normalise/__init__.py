"""The normaliser: criteria items, ages, lab thresholds, time windows and scores, with spans."""
