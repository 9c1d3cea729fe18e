"""`python -m bench [--quick] [--only PART]`: run every benchmark and print all tables."""

from bench.run_all import main

main()
