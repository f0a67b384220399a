package io.nodescope.agent.config;

import java.util.List;

/** A config that cannot be used, with the first problems found in it and how many there are in all. */
public final class ConfigException extends Exception {

    /** Problems kept and printed; past them, only their number ("... and 12 more problems"). */
    public static final int MAX_PROBLEMS_SHOWN = 20;

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;
    private final int count;

    ConfigException(List<ConfigProblem> problems, int count) {
        super(describe(problems, count));
        this.problems = List.copyOf(problems);
        this.count = count;
    }

    /** The first problems, at most {@link #MAX_PROBLEMS_SHOWN}, in the order they were found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** How many problems were found, including those not kept. */
    public int problemCount() {
        return count;
    }

    /** The line that stands for the problems not shown, or null when every problem is shown. */
    public String moreProblems() {
        return moreProblems(problems.size(), count);
    }

    private static String moreProblems(int shown, int count) {
        int more = count - shown;
        return more <= 0 ? null : "... and " + more + " more problem" + (more == 1 ? "" : "s");
    }

    private static String describe(List<ConfigProblem> problems, int count) {
        StringBuilder text = new StringBuilder();
        for (ConfigProblem problem : problems) {
            text.append(text.length() == 0 ? "" : "\n").append(problem);
        }
        String more = moreProblems(problems.size(), count);
        if (more != null) {
            text.append('\n').append(more);
        }
        return text.toString();
    }
}
