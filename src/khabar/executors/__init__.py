"""Executors map a function they are handed over a batch of items, in order.

They know nothing of what the function does (the pipeline hands them `prepare`);
`local` uses this machine's cores. Every executor gives the same results, since the
functions it is handed are pure.
"""
