package dev.seqtrain.job;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The YAML a job spec may use, checked on SnakeYAML's event stream before Jackson builds the tree: Jackson keeps the
 * last of two equal keys and turns an alias into its anchor's name as a string, so both would be silent misreads.
 */
final class StrictYaml {
    static final String NO_ANCHORS = "YAML anchors and aliases are not supported; write the value out";

    /** What is wrong and on which (1-based) line. */
    record Violation(int line, String reason) {
    }

    /** One open collection: a map's keys so far and the key whose value comes next, or a list's next index. */
    private static final class Frame {
        final boolean map;
        final Set<String> keys = new HashSet<>();
        boolean expectKey = true;
        String key;
        int index = -1;

        Frame(boolean map) {
            this.map = map;
        }
    }

    private StrictYaml() {
    }

    /** The first violation, or empty. Syntax errors are left to the real parse, which reports them with its line. */
    static Optional<Violation> violation(String yamlText) {
        Deque<Frame> open = new ArrayDeque<>();
        try {
            for (Event e : new Yaml(new LoaderOptions()).parse(new StringReader(yamlText))) {
                int line = e.getStartMark() == null ? 0 : e.getStartMark().getLine() + 1;
                if (e instanceof AliasEvent || (e instanceof NodeEvent n && n.getAnchor() != null)) {
                    return Optional.of(new Violation(line, NO_ANCHORS));
                }
                Frame parent = open.peek();
                boolean isKey = parent != null && parent.map && parent.expectKey;
                if (e instanceof ScalarEvent s && isKey) {
                    String key = s.getValue();
                    if ("<<".equals(key)) {
                        return Optional.of(new Violation(line, "YAML merge keys (<<) are not supported; write the keys out"));
                    }
                    if (!parent.keys.add(key)) {
                        String path = path(open);
                        return Optional.of(new Violation(line, "duplicate key '" + key + "'"
                                + (path.isEmpty() ? "" : " in " + path)));
                    }
                    parent.key = key;
                    parent.expectKey = false;
                    continue;
                }
                if (e instanceof MappingStartEvent || e instanceof SequenceStartEvent) {
                    if (parent != null && !parent.map) parent.index++;
                    open.push(new Frame(e instanceof MappingStartEvent));
                } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
                    open.pop();
                    valueDone(open.peek());
                } else if (e instanceof ScalarEvent) {
                    if (parent != null && !parent.map) parent.index++;
                    valueDone(parent);
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static void valueDone(Frame parent) {
        if (parent != null && parent.map) parent.expectKey = true;
    }

    /** The key path of the innermost open map ({@code model.layers[1].lstm}), empty at the top level. */
    private static String path(Deque<Frame> open) {
        StringBuilder sb = new StringBuilder();
        var it = open.descendingIterator();
        while (it.hasNext()) {
            Frame f = it.next();
            if (!it.hasNext()) break; // the innermost map is where the key is, not part of the path
            if (f.map) sb.append(sb.length() == 0 ? "" : ".").append(f.key);
            else sb.append('[').append(f.index).append(']');
        }
        return sb.toString();
    }
}
