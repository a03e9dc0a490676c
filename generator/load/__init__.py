"""Step 1, load: files as users save them → plain data with the place of every value.

- yaml_file  report files: plain data, marks, tags refused, aliases bounded
- encoding   UTF-8 / UTF-16 / GBK text
- safezip    .docx and .xlsx packages checked before any XML parser sees them
- framework  the framework files shipped in templates/frameworks
"""

from __future__ import annotations

from ..model.paths import KEY, DataPath
from .encoding import decode_text
from .yaml_file import Mark, YamlDocument, parse_yaml, read_yaml

__all__ = ["KEY", "DataPath", "Mark", "YamlDocument", "decode_text", "parse_yaml", "read_yaml"]
