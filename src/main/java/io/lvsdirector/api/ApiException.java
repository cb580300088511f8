package io.lvsdirector.api;

/** A request the API refuses, carrying the problem to report. Thrown from resources and write lambdas. */
public class ApiException extends RuntimeException {

    private final Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
