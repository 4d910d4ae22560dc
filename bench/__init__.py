"""The benchmark: synthetic data at city and Flanders scale, and `make bench` (bench.run).

Not part of `make test`; see bench/README.md.
"""
