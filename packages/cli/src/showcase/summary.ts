import { z } from "zod";

/** Schema of `summary.json`, the showcase's machine-readable result (validated by the end-to-end test). */
export const showcaseSummarySchema = z.object({
  version: z.literal(1),
  generatedBy: z.string(),
  seconds: z.number().nonnegative(),
  datasets: z.array(
    z.object({
      kind: z.enum(["bars", "trades", "quotes"]),
      symbol: z.string(),
      timeframe: z.string().nullable(),
      rows: z.number().int().nonnegative(),
      start: z.string(),
      end: z.string(),
    }),
  ),
  quality: z.array(
    z.object({
      symbol: z.string(),
      timeframe: z.string(),
      rows: z.number().int().nonnegative(),
      ok: z.boolean(),
      issues: z.record(z.string(), z.number().int().nonnegative()),
    }),
  ),
  steps: z
    .object({
      walkForward: z.object({
        studyId: z.string(),
        folds: z
          .array(
            z.object({
              inSample: z.tuple([z.string(), z.string()]),
              outOfSample: z.tuple([z.string(), z.string()]),
              params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
              // NaN (a fold whose choice never traded) is written as null by JSON
              inSampleSharpe: z.number().nullable(),
              outOfSampleSharpe: z.number().nullable(),
            }),
          )
          .min(1),
        meanInSampleSharpe: z.number().nullable(),
        meanOutOfSampleSharpe: z.number().nullable(),
        efficiency: z.number().nullable(),
        parameterChanges: z.number().int().nonnegative(),
        oosTotalReturn: z.number(),
        oosMaxDrawdown: z.number().min(0),
      }),
    })
    .catchall(z.unknown()),
  outputs: z.object({
    report: z.string(),
    figures: z.array(z.object({ file: z.string(), shows: z.string(), post: z.string() })),
    staticImages: z.enum(["written", "skipped: no chromium"]),
  }),
});

/** The parsed `summary.json`. */
export type ShowcaseSummary = z.infer<typeof showcaseSummarySchema>;
