"""Data tables of the web page and the command line (see `api.messages`, `api.titles`)."""
