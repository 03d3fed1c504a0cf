"""English: the rules' word lists and phrase tables (*.json) and the trained event model (model/)."""
