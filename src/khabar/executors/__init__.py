"""Executors run the per-report `prepare` step; the order-dependent steps stay in
the pipeline. `local` uses this machine's cores; every executor gives the same
results, since `prepare` is pure."""
