package dev.imagestreams.operator.startup;

/** The operator cannot start; {@link #problem()} says why. */
public final class StartupException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient StartupProblem problem;

  public StartupException(StartupProblem problem, Throwable cause) {
    super(problem.message(), cause);
    this.problem = problem;
  }

  public StartupProblem problem() {
    return problem;
  }
}
