#!/usr/bin/env bash
# The image's build stage: compiles StoryLab and lays out only what the lab runs into DEST — the launcher,
# the kernel jar and its runtime jars in DEST/lib (classpath.txt rewritten to point there). Maven itself,
# its plugins and its cache stay behind in the build stage.   docker/assemble-runtime.sh DEST
set -euo pipefail
DEST="${1:?usage: docker/assemble-runtime.sh DEST}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# A truststore handed in as a build secret (see the Dockerfile) replaces the JDK's for this build only.
if [[ -s /run/secrets/cacerts ]]; then
  export JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStore=/run/secrets/cacerts ${JAVA_TOOL_OPTIONS:-}"
fi
# The image has no tests (they run in CI), so they are not even compiled.
./mvnw -B -q -Dmaven.test.skip=true -pl kernel -am package

mkdir -p "$DEST/lib" "$DEST/kernel/target"
# mvnw, .mvn and pom.xml stay so that the %maven magic works when the laptop is online.
cp -a storylab mvnw pom.xml .mvn "$DEST/"
jar="kernel/target/storylab-kernel-0.1.0-SNAPSHOT.jar"
cp "$jar" "$DEST/$jar"
# The image's final stage copies DEST to /home/lab/storylab.
final="${STORYLAB_FINAL_HOME:-/home/lab/storylab}"
cp_out=()
IFS=':' read -r -a entries < kernel/target/classpath.txt || true   # the file has no final newline
(( ${#entries[@]} > 10 )) || { echo "kernel/target/classpath.txt lists too few jars" >&2; exit 1; }
for e in "${entries[@]}"; do
  [[ ! -e "$DEST/lib/$(basename "$e")" ]] || { echo "two runtime jars named $(basename "$e")" >&2; exit 1; }
  cp "$e" "$DEST/lib/"
  cp_out+=("$final/lib/$(basename "$e")")
done
(IFS=':'; echo "${cp_out[*]}") > "$DEST/kernel/target/classpath.txt"
# The launcher rebuilds when a source is newer than the kernel jar; there are no sources here, and the
# jar is the newest file, so it never tries.
touch "$DEST/$jar"
