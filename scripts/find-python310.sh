#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter (Rasa 3.6 needs >=3.8,<3.11), or fails naming what is missing.
set -u
for candidate in "$(command -v python3.10 2>/dev/null)" \
                 $(ls -d "$(pyenv root 2>/dev/null || echo /root/.pyenv)"/versions/3.10*/bin/python3.10 2>/dev/null) \
                 /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -n "$candidate" ] && [ -x "$candidate" ] || continue
  if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
    echo "$candidate"; exit 0
  fi
done
echo "error: Python 3.10 is required (Rasa 3.6 supports >=3.8,<3.11); install it, e.g. 'pyenv install 3.10'" >&2
exit 1
