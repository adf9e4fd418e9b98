#!/usr/bin/env bash
# Usage: scripts/new-package.sh <name> "<description>"  — lays out packages/<name> with the shared conventions.
set -euo pipefail
name=$1; desc=$2; dir=packages/$name
mkdir -p "$dir/src"
cat > "$dir/package.json" <<JSON
{
  "name": "@quantkit/$name",
  "version": "0.1.0",
  "description": "$desc",
  "type": "module",
  "sideEffects": false,
  "license": "MIT",
  "main": "./src/index.ts",
  "types": "./src/index.ts",
  "exports": {
    ".": {
      "@quantkit/source": "./src/index.ts",
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    },
    "./package.json": "./package.json"
  },
  "files": ["dist", "src", "!src/**/*.test.ts", "!src/**/*.bench.ts"],
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc -p tsconfig.json --noEmit",
    "test": "vitest run --root ../.. --dir packages/$name",
    "lint": "biome check src"
  },
  "dependencies": {}
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "noEmit": true },
  "include": ["src/**/*.ts"]
}
JSON
cat > "$dir/tsconfig.build.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "outDir": "dist", "rootDir": "src", "noEmit": false, "customConditions": [] },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.test.ts", "src/**/*.bench.ts", "src/**/*.test-d.ts"]
}
JSON
[ -f "$dir/src/index.ts" ] || printf '/** @packageDocumentation %s */\nexport {};\n' "$desc" > "$dir/src/index.ts"
