#!/usr/bin/env bash
# Re-fetches the vendored GraphiQL playground assets from the npm registry.
#
# Usage: third_party/graphiql/fetch.sh
#
# For each pinned package below it downloads the published tarball with
# `npm pack` (through whatever registry npm is configured to use), checks the
# tarball against the pinned sha512 integrity (the registry's dist.integrity),
# and extracts only the files the playground loads plus the licence and
# package.json, unmodified, into third_party/graphiql/<package>/. Nothing else
# in this folder is touched. Needs npm (and so node) and tar.
#
# To move to other versions: change the versions and integrities below (take
# them from `npm view <pkg>@<version> dist.integrity`), run this script,
# update README.md and the Version constants in embed.go, and run
# `go test ./third_party/... ./schema/`.
set -euo pipefail
cd "$(dirname "$0")"

# package  version  integrity  files (paths inside the tarball's package/ dir)
packages=(
  "graphiql|4.1.2|sha512-rNlzQIAzm6i2KBXmVQWBgLvt0TloxFVB2d18bukvdsvjEuFDHsKx5IVOomL1W1o5WW+tE54+ioHb2AEKzO2cUg==|LICENSE package.json graphiql.min.js graphiql.min.css"
  "react|18.3.1|sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ==|LICENSE package.json umd/react.production.min.js"
  "react-dom|18.3.1|sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw==|LICENSE package.json umd/react-dom.production.min.js"
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for entry in "${packages[@]}"; do
  IFS='|' read -r name version integrity files <<<"$entry"
  echo "== $name@$version"
  tarball=$(cd "$tmp" && npm pack --silent "$name@$version")
  got=$(node -e 'const c = require("crypto"), fs = require("fs");
    console.log("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tmp/$tarball")
  if [ "$got" != "$integrity" ]; then
    echo "integrity mismatch for $name@$version: got $got, want $integrity" >&2
    exit 1
  fi
  members=()
  for f in $files; do members+=("package/$f"); done
  mkdir -p "$tmp/x-$name"
  tar -xzf "$tmp/$tarball" -C "$tmp/x-$name" "${members[@]}"
  rm -rf "./$name"
  mkdir -p "./$name"
  for f in $files; do
    mkdir -p "./$name/$(dirname "$f")"
    cp "$tmp/x-$name/package/$f" "./$name/$f"
    echo "   $name/$f ($(wc -c <"./$name/$f") bytes)"
  done
done
