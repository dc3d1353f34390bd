/**
 * The two kinds of failure the command line reports, each in one line on stderr:
 * a usage error (the command line itself is wrong: exit 2) and a failed operation
 * (the contract refused, the node did not answer, a wrong password: exit 1).
 */
export class UsageError extends Error {
  public readonly exitCode = 2;
}

export class OperationError extends Error {
  public readonly exitCode = 1;
}
