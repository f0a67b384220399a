package io.nodescope.agent.health;

/** One check's verdict as {@code /health/ready} lists it. */
final class CheckResult {

    final String name;
    final String check;
    final boolean ok;
    /** Why, in numbers: {@code heartbeat 3 s old (max 60 s)}. */
    final String detail;

    CheckResult(String name, String check, boolean ok, String detail) {
        this.name = name;
        this.check = check;
        this.ok = ok;
        this.detail = detail;
    }
}
