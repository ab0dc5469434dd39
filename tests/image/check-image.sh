#!/usr/bin/env bash
# The workshop image, built and tried here as a new user would (ImageTest runs this; run it alone as root):
#   tests/image/check-image.sh
# Builds the Debian base with debootstrap (docker/make-base.sh, cached), builds docker/Dockerfile with
# FRONTEND=debian (Debian packages and Maven Central only) under chroot isolation, mounts a container of it
# and, inside it with chroot as the `lab` user: checks the kernelspec, the unpacked PyTorch natives, runs the
# quick start with no network at all, starts the Jupyter server on loopback and checks it asks for a token,
# runs the image's HEALTHCHECK, and, where Chromium and playwright-core are here, runs the quick start in a
# real browser against it. Last, the default (pypi) build with no Python package index must fail and name
# FRONTEND=debian. Prints "ok: ..." per check; exits 77 (skip) when podman, debootstrap or root is
# missing. Cache: STORYLAB_IMAGE_CACHE (base rootfs); Maven's cache is a podman build cache mount.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
FRONTEND="${STORYLAB_IMAGE_FRONTEND:-debian}"
IMAGE="localhost/storylab:check-$FRONTEND"
BASE="localhost/storylab-base:bookworm"
OUT="tests/target/image"
mkdir -p "$OUT"

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAILED: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

[[ "$(id -u)" -eq 0 ]] || skip "building and mounting the image needs root (podman with chroot isolation, mount, chroot)"
for tool in podman debootstrap unshare chroot curl python3; do
  command -v "$tool" >/dev/null || skip "$tool is missing (apt-get install podman debootstrap curl; .ci/run installs them)"
done

start=$(date +%s)
nice -n 15 docker/make-base.sh "$BASE"

# A TLS-inspecting proxy between this machine and Maven Central: hand the build this machine's truststore.
secret=()
[[ -s /etc/ssl/certs/java/cacerts ]] && secret=(--secret id=cacerts,src=/etc/ssl/certs/java/cacerts)
t0=$(date +%s)
nice -n 15 podman build --isolation chroot --format docker --layers "${secret[@]}" \
  --build-arg BASE="$BASE" --build-arg FRONTEND="$FRONTEND" -t "$IMAGE" -f docker/Dockerfile . > "$OUT/build.log" 2>&1 \
  || { tail -40 "$OUT/build.log"; fail "podman build failed (whole log: $OUT/build.log)"; }
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
ok "image $IMAGE built in $(( $(date +%s) - t0 )) s, $(( size / 1000000 )) MB"

# --- what the image says about itself ---
inspect() { podman image inspect --format "$1" "$IMAGE"; }
[[ "$(inspect '{{.Config.User}}')" == lab ]] || fail "the image does not run as the lab user: '$(inspect '{{.Config.User}}')'"
inspect '{{json .Config.Volumes}}' | grep -q '"/home/lab/storylab/runs"' || fail "runs/ is not a volume: $(inspect '{{json .Config.Volumes}}')"
health="$(inspect '{{json .Config.Healthcheck}}')"
[[ "$health" == *urlopen* ]] || fail "no HEALTHCHECK in the image config: $health"
ok "runs as lab, runs/ is a volume, has a HEALTHCHECK"

# --- a writable container root, its programs run with chroot (podman run cannot set rlimits here) ---
ctr=$(podman create --no-healthcheck "$IMAGE")
mnt=$(podman mount "$ctr")
server=""
server_stop() { if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
cleanup() {
  server_stop
  umount -R "$mnt/dev" 2>/dev/null || true
  umount "$mnt/proc" 2>/dev/null || true
  podman umount "$ctr" >/dev/null 2>&1 || true
  podman rm -f "$ctr" >/dev/null 2>&1 || true
}
trap cleanup EXIT
mount -t proc proc "$mnt/proc"
mount --rbind /dev "$mnt/dev" && mount --make-rslave "$mnt/dev"
# The image's own environment (PATH, JVM options, port), one variable per line.
mapfile -t image_env < <(inspect '{{json .Config.Env}}' | python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)))')
# in_image [VAR=value ...] -- COMMAND: runs a shell command in the image as lab, in ~/storylab, with only the
# image's environment. WRAP (e.g. unshare --net) goes in front; EXEC=1 replaces the calling (sub)shell.
in_image() {
  local extra=()
  while [[ "$1" != -- ]]; do extra+=("$1"); shift; done; shift
  ${EXEC:+exec} ${WRAP:-} chroot --userspec=1000:1000 "$mnt" /usr/bin/env -i HOME=/home/lab USER=lab LANG=C.UTF-8 \
    "${image_env[@]}" "${extra[@]}" /bin/bash -c "cd ~/storylab && $1"
}

# --- hygiene: nothing of the build left behind ---
leftovers=$(in_image -- 'for p in ~/.m2 /root/.m2 ~/storylab/storylab-lib ~/storylab/kernel/src /var/cache/apt/archives/*.deb /var/lib/apt/lists/*_Packages; do
                           [[ -e $p ]] && echo "$p"; done; command -v mvn gcc cc make git || true')
[[ -z "$leftovers" ]] || fail "build leftovers in the image: $leftovers"
ok "no Maven cache, sources, compilers or apt caches in the image"

# --- the kernelspec and the PyTorch natives, as baked ---
specs=$(in_image -- 'jupyter kernelspec list 2>&1') || fail "jupyter kernelspec list failed: $specs"
grep -q '^ *storylab ' <<<"$specs" || fail "the storylab kernelspec is not installed: $specs"
natives=$(in_image -- 'ls ~/.djl.ai/pytorch/*/libtorch_cpu.so') || fail "DJL's PyTorch natives are not unpacked in ~/.djl.ai"
ok "kernelspec installed; PyTorch natives unpacked: ${natives#/home/lab/}"

# --- the quick start headless, in a network namespace with no network at all ---
t0=$(date +%s)
run_log=$(WRAP="unshare --net" in_image -- './storylab run notebooks/00-quickstart.ipynb' 2>&1) \
  || fail "the quick start failed with no network:
$run_log"
grep -q "building" <<<"$run_log" && fail "the launcher tried to rebuild StoryLab in the image:
$run_log"
nb="$mnt/home/lab/storylab/runs/00-quickstart/00-quickstart.ipynb"
python3 - "$nb" <<'EOF' || fail "the quick start notebook written in the image is not right"
import json, sys
nb = json.load(open(sys.argv[1]))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
images = [o for c in code for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
assert code and all(c.get("execution_count") for c in code), "not every code cell ran"
assert not errors, errors
assert images, "no chart in the outputs"
EOF
ok "quick start ran headless with no network in $(( $(date +%s) - t0 )) s and wrote its notebook"

# --- the Jupyter server on loopback, started by the image's own command ---
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
refused=$(in_image -- '/usr/local/lib/storylab/start-jupyter.sh --NotebookApp.token=' 2>&1) && fail "start-jupyter.sh accepted an empty token"
(EXEC=1 in_image JUPYTER_PORT="$port" -- 'exec /usr/local/lib/storylab/start-jupyter.sh --ip=127.0.0.1') > "$OUT/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 120); do curl -sf -o /dev/null "$url/api" && break; kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
curl -sf -o /dev/null "$url/api" || fail "the Jupyter server did not answer at $url/api:
$(cat "$OUT/server.log")"
token=$(grep -o 'token=[0-9a-f]\{16,\}' "$OUT/server.log" | head -1 | cut -d= -f2)
[[ -n "$token" ]] || fail "the server printed no URL with a token:
$(cat "$OUT/server.log")"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/kernelspecs")
[[ "$code" == 403 ]] || fail "the server answered $code without a token (expected 403)"
curl -sf -H "Authorization: token $token" "$url/api/kernelspecs" | grep -q '"storylab"' \
  || fail "with its token, the server does not list the storylab kernel"
ok "Jupyter server answers on loopback, refuses requests without the token ($code), lists storylab with it"
health_cmd=$(inspect '{{json .Config.Healthcheck.Test}}' | python3 -c 'import json, shlex, sys; t = json.load(sys.stdin); print(shlex.join(t[1:]) if t[0] == "CMD" else t[1])')
in_image JUPYTER_PORT="$port" -- "$health_cmd" || fail "the HEALTHCHECK fails against a running server: $health_cmd"
ok "HEALTHCHECK passes against the running server"

# --- a real browser, where this machine has one ---
if [[ -x "${CHROMIUM:-/usr/bin/chromium}" && -d tests/browser/node_modules/playwright-core ]] && command -v node >/dev/null; then
  node tests/browser/image-quickstart.mjs --url "$url" --token "$token" --out "$OUT" || fail "the quick start failed in the browser"
  ok "quick start ran in Chromium against the image's server"
else
  echo "SKIPPED the browser part: it needs /usr/bin/chromium, Node.js and npm ci --prefix tests/browser"
fi

# --- bad input: the default frontend with the Python package index out of reach fails, and says what to do ---
# (a closed loopback port stands in for "no index", so this holds on machines that do reach one; the layers
# before the frontend are shared with the build above, so this only costs the frontend step)
server_stop
if nice -n 15 podman build --isolation chroot --format docker --layers --build-arg BASE="$BASE" \
     --build-arg PIP_INDEX_URL=http://127.0.0.1:9/simple -t localhost/storylab:check-no-index -f docker/Dockerfile . \
     > "$OUT/build-no-index.log" 2>&1; then
  fail "the pypi frontend built with no Python package index (see $OUT/build-no-index.log)"
fi
grep -q -- "--build-arg FRONTEND=debian" "$OUT/build-no-index.log" \
  || { tail -20 "$OUT/build-no-index.log"; fail "the failed pypi build does not name --build-arg FRONTEND=debian"; }
! podman image exists localhost/storylab:check-no-index || fail "a failed build left an image tagged"
ok "with no Python package index the default build fails and names --build-arg FRONTEND=debian"
echo "image check: $(( $(date +%s) - start )) s in all"
