import { defineConfig } from "vitepress";

const packages = ["core", "data", "indicators", "regimes", "risk-mc", "backtest", "ingest", "live", "viz"];

export default defineConfig({
  title: "quantkit",
  description: "A TypeScript, notebook-first quant research SDK",
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  cleanUrls: false,
  lastUpdated: false,
  srcExclude: ["README.md", "scripts/**", "test/**", "diagrams/**"],
  ignoreDeadLinks: false,
  themeConfig: {
    nav: [
      { text: "Getting started", link: "/getting-started" },
      { text: "Guides", link: "/guide/data" },
      { text: "API", link: "/api/" },
      { text: "Benchmarks", link: "/benchmarks" },
    ],
    sidebar: [
      {
        text: "Introduction",
        items: [
          { text: "Getting started", link: "/getting-started" },
          { text: "Architecture", link: "/architecture" },
          { text: "Conventions", link: "/conventions" },
          { text: "Blog posts → notebooks", link: "/blog-posts" },
          { text: "Benchmarks", link: "/benchmarks" },
        ],
      },
      { text: "Guides", items: packages.map((p) => ({ text: `@quantkit/${p}`, link: `/guide/${p}` })) },
      { text: "API reference", items: [{ text: "All packages", link: "/api/" }] },
    ],
    search: { provider: "local" },
  },
});
