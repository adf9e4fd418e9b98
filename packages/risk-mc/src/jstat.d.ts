/** Minimal typings for the parts of jstat 1.9.6 that risk-mc uses (the package ships none). */
declare module "jstat" {
  interface JStatDistribution {
    cdf(x: number, ...params: number[]): number;
    pdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  interface JStatStatic {
    normal: JStatDistribution;
    studentt: JStatDistribution;
    chisquare: JStatDistribution;
    erfc(x: number): number;
    gammaln(x: number): number;
  }
  const jStat: JStatStatic;
  export default jStat;
}
