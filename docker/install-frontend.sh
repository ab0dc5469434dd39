#!/usr/bin/env bash
# Installs the Jupyter that serves the StoryLab kernel in the image (run as root by the Dockerfile).
#   install-frontend.sh pypi     JupyterLab + ipywidgets from the Python package index (JUPYTERLAB_VERSION,
#                                IPYWIDGETS_VERSION; PIP_INDEX_URL for a local mirror of the index)
#   install-frontend.sh debian   Debian's Jupyter Notebook and widgets packages: no Python package index needed
set -euo pipefail
frontend="${1:-}"

# apt's lists and downloads are build cache mounts in the Dockerfile, so nothing to clean up here.
apt_install() {
  apt-get -o Acquire::Languages=none update
  apt-get install -y --no-install-recommends "$@"
}

case "$frontend" in
  pypi)
    apt_install python3-venv
    python3 -m venv /opt/jupyter
    [[ -n "${PIP_INDEX_URL:-}" ]] || unset PIP_INDEX_URL
    # Few retries: on a machine without the index this fails in seconds, with the way out named.
    if ! /opt/jupyter/bin/pip install --no-cache-dir --retries 2 --timeout 20 \
         "jupyterlab==${JUPYTERLAB_VERSION:?}" "ipywidgets==${IPYWIDGETS_VERSION:?}"; then
      echo >&2
      echo "ERROR: could not install JupyterLab ${JUPYTERLAB_VERSION} and ipywidgets ${IPYWIDGETS_VERSION} from the Python package index" >&2
      echo "       (is it reachable from this build?). To build from Debian packages and Maven Central only, use" >&2
      echo "       --build-arg FRONTEND=debian   (Debian's Jupyter Notebook instead of JupyterLab)." >&2
      exit 1
    fi
    ;;
  debian)
    # jupyter-client: the `jupyter kernelspec` command the troubleshooting guide uses.
    apt_install jupyter-notebook jupyter-client python3-ipywidgets jupyter-nbextension-jupyter-js-widgets
    ;;
  *)
    echo "ERROR: FRONTEND must be 'pypi' (JupyterLab from the Python package index) or 'debian' (Debian's Jupyter Notebook), not '$frontend'" >&2
    exit 1
    ;;
esac
