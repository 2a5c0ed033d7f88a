import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** prom-client's metric constructors with the registry filled in, so a declaration is its name, help and labels. */
export interface MetricFactory {
  counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L>;
  gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L>;
  histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L>;
}

/** Declares metrics on `registry` only (never prom-client's global one). */
export function createMetricFactory(registry: Registry): MetricFactory {
  const registers = [registry];
  return {
    counter: (name, help, labelNames) => new Counter({ name, help, labelNames, registers }),
    gauge: (name, help, labelNames) => new Gauge({ name, help, labelNames, registers }),
    histogram: (name, help, labelNames, buckets) => new Histogram({ name, help, labelNames, buckets, registers }),
  };
}
