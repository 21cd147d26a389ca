/** One thing wrong with a tenant's package: which tenant, which file, which rule, and what to do. */
export type TenantProblem = { tenant: string; file: string; rule: string; message: string };

export function formatProblem(problem: TenantProblem): string {
  return `${problem.tenant}: ${problem.file} [${problem.rule}] ${problem.message}`;
}
