#!/usr/bin/env bash
# Makes the Debian base image the Dockerfile starts from, with debootstrap instead of a registry pull:
# a minimal bookworm root, tarred once into a cache, then imported into podman.
#   docker/make-base.sh [TAG]          (default TAG: localhost/storylab-base:bookworm; needs root)
# Then: podman build --isolation chroot --build-arg BASE=TAG -f docker/Dockerfile .
# Mirror: STORYLAB_DEBIAN_MIRROR, else the first Debian mirror in this machine's apt sources.
# Cache:  STORYLAB_IMAGE_CACHE (default /var/cache/storylab-image); delete the tarball there to refresh it.
set -euo pipefail
TAG="${1:-localhost/storylab-base:bookworm}"
CACHE="${STORYLAB_IMAGE_CACHE:-/var/cache/storylab-image}"
TARBALL="$CACHE/debian-bookworm-minbase.tar"

if podman image exists "$TAG"; then echo "base image $TAG: present"; exit 0; fi

if [[ ! -s "$TARBALL" ]]; then
  mirror="${STORYLAB_DEBIAN_MIRROR:-}"
  if [[ -z "$mirror" ]]; then
    # deb822 sources ("URIs: ...") or one-line sources ("deb URL bookworm main"); the first /debian one.
    mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' | grep -m1 '/debian/\?$' || true)"
    [[ -n "$mirror" ]] || mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
                                    | awk '$1 == "deb" {print $2}' | grep -m1 '/debian/\?$' || true)"
  fi
  [[ -n "$mirror" ]] || { echo "make-base.sh: no Debian mirror in the apt sources; set STORYLAB_DEBIAN_MIRROR" >&2; exit 1; }
  mkdir -p "$CACHE"
  root="$(mktemp -d "$CACHE/rootfs.XXXXXX")"
  trap 'rm -rf "$root"' EXIT
  echo "base image: debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; echo "make-base.sh: debootstrap failed (log above)" >&2; exit 1; }
  rm -f "$root.log"
  # What a slim image leaves out: downloaded packages and package lists (the Dockerfile updates them).
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
  tar -C "$root" -cf "$TARBALL.part" . && mv "$TARBALL.part" "$TARBALL"
fi
podman import --quiet "$TARBALL" "$TAG" >/dev/null
echo "base image $TAG: imported from $TARBALL"
