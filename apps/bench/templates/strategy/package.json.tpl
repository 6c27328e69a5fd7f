{
  "name": "__PACKAGE__",
  "version": "0.1.0",
  "private": true,
  "description": "__DESCRIPTION__",
  "type": "module",
  "exports": {
    ".": {
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    }
  },
  "files": ["dist"],
  "fanout": {
    "strategy": {
      "name": "__NAME__",
      "description": "__DESCRIPTION__",
      "entry": "./dist/index.js"
    }
  },
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc --noEmit",
    "test": "vitest run"
  },
  "dependencies": {
    "@fanout/core": "workspace:*",
    "undici": "catalog:"
  },
  "devDependencies": {
    "@fanout/conformance": "workspace:*",
    "@types/node": "catalog:",
    "typescript": "catalog:",
    "vitest": "catalog:"
  }
}
