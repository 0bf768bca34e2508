"""Benchmarks. Not collected by pytest; run `python bench/party_list.py --help`."""
