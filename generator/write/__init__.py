"""Step 5, write: files that appear whole or not at all, and YAML text a person can read.

- atomic    the one writer: temporary part, fsync, atomic rename, Chinese reasons for failures
- dump      plain data → block-style YAML that reads back exactly
- skeleton  the commented skeleton of ``fzbg new``
"""
