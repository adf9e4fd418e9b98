import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@quantkit/source"] },
  ssr: { resolve: { conditions: ["@quantkit/source"] } },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/test/**/*.test.ts",
      "scripts/**/*.test.ts",
      "docs-site/test/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
