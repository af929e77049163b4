"""Imported once by the fork server that local batch workers are forked from:
loading the models here means every worker — the first ones and those that
replace a worker killed at its time limit — starts warm and shares the loaded
models' memory with its siblings (copy-on-write) instead of loading its own."""
from extractor.batch.work import warm_up

try:
    warm_up()
except Exception:  # noqa: BLE001 - the fork server must start anyway; workers warm up again
    pass
