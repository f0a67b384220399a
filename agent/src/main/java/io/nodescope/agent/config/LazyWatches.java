package io.nodescope.agent.config;

import io.nodescope.instrumentation.Kinds;
import io.nodescope.instrumentation.kinds.LazyResultKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's own rules behind the node's {@code lazy} rules: a watch on the methods that use up,
 * close or fail a lazy result ({@code hasNext()}, {@code next()}, {@code forEachRemaining(…)} and
 * {@code close()} of every class of {@code lazy.result}), and on {@code close()} of the classes the
 * rule selects when it says {@code closing_this}. One watch per class selector and method, however
 * many rules share it.
 */
public final class LazyWatches {

    private LazyWatches() {
    }

    /** The node's rules followed by the watches their {@code lazy} settings need. */
    public static List<Rule> with(List<Rule> rules) {
        Map<String, Rule> watches = new LinkedHashMap<>();
        for (Rule rule : rules) {
            LazyResult lazy = rule.lazy();
            lazy.resultType().ifPresent(type -> {
                ClassSelector results = new ClassSelector(null, type, null, List.of(), false);
                watch(watches, rule, results, LazyResultKind.HAS_NEXT, 0);
                watch(watches, rule, results, LazyResultKind.NEXT, 0);
                watch(watches, rule, results, LazyResultKind.FOR_EACH_REMAINING, 1);
                watch(watches, rule, results, LazyResultKind.CLOSE, 0);
            });
            if (lazy.closingThis()) {
                watch(watches, rule, rule.classes(), LazyResultKind.CLOSE, 0);
            }
        }
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(watches.values());
        return all;
    }

    /** Whether a rule is one of these watches, which the node did not write. */
    public static boolean isWatch(Rule rule) {
        return rule.kind() == Kinds.LAZY_RESULT;
    }

    private static void watch(Map<String, Rule> watches, Rule rule, ClassSelector classes, String method, int parameters) {
        String key = classes.name().map(NamePattern::text).orElse("") + "|" + classes.supertype().orElse("") + "|"
                + classes.annotation().orElse("") + "|" + classes.excluded() + "|" + method;
        watches.computeIfAbsent(key, ignored -> new Rule(rule.name() + " (lazy: " + method + ")", Kinds.LAZY_RESULT, classes,
                new MethodSelector(NamePattern.of(method), null, null, parameters, false, null, List.of()),
                Map.of(LazyResultKind.METHOD, RuleValue.of(ValueExpression.parse(method))), null, false, LazyResult.NONE, rule.location()));
    }
}
