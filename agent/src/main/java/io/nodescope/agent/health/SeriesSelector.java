package io.nodescope.agent.health;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.MetricDefinition;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Accepts the series of one metric whose label values match the configured ones, and the overflow series never. */
final class SeriesSelector implements Predicate<List<String>> {

    /** Position in the label values, and the value required there. */
    private final int[] positions;
    private final String[] values;

    private SeriesSelector(int[] positions, String[] values) {
        this.positions = positions;
        this.values = values;
    }

    /** The series with {@code labels}, and with {@code outcome} in the metric's status or outcome label when it is not null. */
    static SeriesSelector of(MetricDefinition metric, Map<String, String> labels, String outcome) {
        List<String> names = metric.labelNames();
        int count = labels.size() + (outcome == null ? 0 : 1);
        int[] positions = new int[count];
        String[] values = new String[count];
        int i = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            positions[i] = names.indexOf(label.getKey());
            values[i++] = label.getValue();
        }
        if (outcome != null) {
            positions[i] = names.indexOf(names.stream().filter(Kind::isOutcomeLabel).findFirst().orElseThrow());
            values[i] = outcome;
        }
        return new SeriesSelector(positions, values);
    }

    @Override
    public boolean test(List<String> labelValues) {
        for (int i = 0; i < positions.length; i++) {
            if (!values[i].equals(labelValues.get(positions[i]))) {
                return false;
            }
        }
        return true;
    }
}
