#!/usr/bin/env bash
# Rebuilds the JAR fixtures of test/fixtures/jars from their sources (needs a JDK 17: javac, jar).
# The built JARs are committed: CI machines have no JDK. Run from anywhere; prints what it wrote.
#   code-only      code change only, same schema (1.0.1, schema 1.0.0)
#   add-column     alterTableAddColumn, schema 1.1.0
#   drop-column    alterTableDropColumn, schema 2.0.0
#   rename-column  alterColumnName, schema 2.0.0
#   alter-class    alter(..., new UpgradeProcess.AlterTableDropColumn(...)), schema 2.0.0
#   sql-drop       "drop column" in an SQL literal and in META-INF/sql/update-2.0.0.sql, schema 2.0.0
#   schema-bump    a data step only, schema 1.0.1
#   old-steps      a drop registered 1.0.0 -> 2.0.0, shipped again with schema 2.0.0 (2.0.1)
#   indy           javac 17 class files (version 61) with InvokeDynamic, lambdas, Long/Double constants
#   code-only-stored.jar   code-only with STORED (uncompressed) entries
#   foo-suite.lpkg         an .lpkg (a zip of JARs) holding code-only and drop-column
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$here/test/fixtures/jars"
src="$fixtures/src"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
date='2026-01-01T00:00:00Z'

mkdir -p "$work/stubs"
javac --release 8 -nowarn -d "$work/stubs" $(find "$src/stubs" -name '*.java' | sort) 2>/dev/null

build() { # name release [jar options]
  local name="$1" release="$2"; shift 2
  local out="$work/$name"
  mkdir -p "$out"
  javac --release "$release" -nowarn -cp "$work/stubs" -d "$out" $(find "$src/$name" -name '*.java' | sort) 2>/dev/null
  if [ -d "$src/$name/META-INF" ]; then cp -r "$src/$name/META-INF" "$out/"; fi
  rm -f "$fixtures/$name.jar"
  jar --create "$@" --date="$date" --file "$fixtures/$name.jar" --manifest "$src/$name/MANIFEST.MF" -C "$out" .
  echo "$fixtures/$name.jar"
}

for name in code-only add-column drop-column rename-column alter-class sql-drop schema-bump old-steps; do
  build "$name" 8
done
build indy 17

# STORED entries: the code-only module packed without compression.
cp -r "$work/code-only" "$work/code-only-stored"
rm -f "$fixtures/code-only-stored.jar"
jar --create --no-compress --date="$date" --file "$fixtures/code-only-stored.jar" --manifest "$src/code-only/MANIFEST.MF" -C "$work/code-only" .
echo "$fixtures/code-only-stored.jar"

# An .lpkg is a zip of JARs (and a liferay-marketplace.properties).
mkdir -p "$work/lpkg"
cp "$fixtures/code-only.jar" "$work/lpkg/com.acme.foo.api.jar"
cp "$fixtures/drop-column.jar" "$work/lpkg/com.acme.foo.service.jar"
printf 'title=Acme Foo\nversion=2.0.0\n' > "$work/lpkg/liferay-marketplace.properties"
rm -f "$fixtures/foo-suite.lpkg"
jar --create --no-manifest --date="$date" --file "$fixtures/foo-suite.lpkg" -C "$work/lpkg" .
echo "$fixtures/foo-suite.lpkg"
