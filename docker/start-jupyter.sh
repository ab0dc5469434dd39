#!/bin/sh
# The image's command: Jupyter (Lab if installed, else Notebook) on the StoryLab notebooks, always with a
# token — JUPYTER_TOKEN when set, else one Jupyter draws at random and shows in the URL it prints.
#   start-jupyter.sh [Jupyter server options, e.g. --ip=0.0.0.0]      port: JUPYTER_PORT (default 8888)
set -eu
for a in "$@"; do
  case "$a" in
    *[Tt]oken=|*[Tt]oken=\'\'|*[Tt]oken=\"\"|--*password*)
      echo "start-jupyter.sh: refusing '$a': the server always asks for a token (set JUPYTER_TOKEN to choose it)" >&2
      exit 2 ;;
  esac
done
# An empty JUPYTER_TOKEN (compose passes one when it is unset) must not mean "no token".
if [ -z "${JUPYTER_TOKEN:-}" ]; then unset JUPYTER_TOKEN; fi
notebooks="${STORYLAB_NOTEBOOKS:-$HOME/storylab/notebooks}"
if command -v jupyter-lab >/dev/null 2>&1; then
  exec jupyter lab --no-browser --port="${JUPYTER_PORT:-8888}" --notebook-dir="$notebooks" "$@"
fi
exec jupyter notebook --no-browser --port="${JUPYTER_PORT:-8888}" --notebook-dir="$notebooks" "$@"
